// Program m365-kube-validate decodes Kubernetes manifests the way the API server does with strict field
// validation (kubectl apply --validate=strict): each YAML document into its Go type from client-go's scheme, with
// unknown and duplicate fields, wrong types, malformed quantities and unregistered kinds reported as errors.
// kubernetes-models (npm) checks the OpenAPI's required fields and formats but lets unknown fields through, which is
// the mistake a hand-written manifest or a chart template makes most (a key indented one level off is silently
// dropped by the API server's default "warn"); this tool is the other half of the check.
//
// Usage: m365-kube-validate FILE... ("-" reads standard input). One JSON line per document on stdout:
// {"source","document","apiVersion","kind","name","errors"}; exit 0 when every document decoded cleanly, 1 when
// one did not, 2 on a usage or read error.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes/scheme"
	sigsyaml "sigs.k8s.io/yaml"
)

type result struct {
	Source     string   `json:"source"`
	Document   int      `json:"document"`
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Name       string   `json:"name"`
	Errors     []string `json:"errors"`
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: m365-kube-validate FILE... (- for standard input)")
		os.Exit(2)
	}
	decoder := serializer.NewCodecFactory(scheme.Scheme, serializer.EnableStrict).UniversalDeserializer()
	out := json.NewEncoder(os.Stdout)
	failed := false
	for _, source := range os.Args[1:] {
		results, err := validateSource(decoder, source)
		if err != nil {
			fmt.Fprintf(os.Stderr, "m365-kube-validate: %s: %v\n", source, err)
			os.Exit(2)
		}
		for _, r := range results {
			if len(r.Errors) > 0 {
				failed = true
			}
			if err := out.Encode(r); err != nil {
				fmt.Fprintf(os.Stderr, "m365-kube-validate: %v\n", err)
				os.Exit(2)
			}
		}
	}
	if failed {
		os.Exit(1)
	}
}

func validateSource(decoder runtime.Decoder, source string) ([]result, error) {
	var input io.Reader = os.Stdin
	if source != "-" {
		file, err := os.Open(source)
		if err != nil {
			return nil, err
		}
		defer file.Close()
		input = file
	}
	reader := utilyaml.NewYAMLReader(bufio.NewReader(input))
	var results []result
	for index := 0; ; index++ {
		document, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return results, nil
		}
		if err != nil {
			return nil, err
		}
		// helm template separates documents with comment-only parts (`# Source: ...`); they hold no object.
		var probe interface{}
		if err := sigsyaml.Unmarshal(document, &probe); err == nil && probe == nil {
			continue
		}
		results = append(results, validateDocument(decoder, source, index, bytes.TrimSpace(document)))
	}
}

func validateDocument(decoder runtime.Decoder, source string, index int, document []byte) result {
	r := result{Source: source, Document: index, Errors: []string{}}
	// Read apart from the decoding, which stops at the first type error and then names nothing.
	var header struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name string `json:"name"`
		} `json:"metadata"`
	}
	if err := sigsyaml.Unmarshal(document, &header); err == nil {
		r.APIVersion, r.Kind, r.Name = header.APIVersion, header.Kind, header.Metadata.Name
	}
	_, _, err := decoder.Decode(document, nil, nil)
	if err == nil {
		return r
	}
	if strict, ok := runtime.AsStrictDecodingError(err); ok {
		for _, fieldErr := range strict.Errors() {
			r.Errors = append(r.Errors, fieldErr.Error())
		}
		return r
	}
	r.Errors = append(r.Errors, err.Error())
	return r
}
