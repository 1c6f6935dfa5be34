#!/usr/bin/env bash
# Builds Helm (the chart's lint and template in test/e2e/deploy-kubernetes.test.ts) from its Go module with the
# machine's Go and module proxy: `go install helm.sh/helm/v3/cmd/helm@v3.19.0`, whose dependencies go.sum's of
# Helm's own module pins and the checksum database verifies. The binary is kept under a directory named after a
# hash of the version, the Go version and the platform, like scripts/build-go-tool.sh's tools, so it is built once
# and reused; M365_GO_TOOLS_DIR moves it. Progress goes to stderr; the last line on stdout is the binary's path.
set -euo pipefail
VERSION=v3.19.0
# The Kubernetes version Helm assumes without a cluster (helm template, lint): its release builds derive it from the
# client-go it is built with (v0.34 -> 1.34), and a plain go install would leave it at 1.20.
KUBE_MAJOR=1 KUBE_MINOR=34
command -v go >/dev/null || { echo "install-helm: go is required on PATH to build helm" >&2; exit 1; }
DIR="${M365_GO_TOOLS_DIR:-$HOME/.cache/m365-otel-toolchain/go-tools}/helm"
KEY=$( { echo "helm.sh/helm/v3@$VERSION kubernetes $KUBE_MAJOR.$KUBE_MINOR"; go env GOVERSION GOOS GOARCH; } | sha256sum | cut -c1-16)
BIN="$DIR/$KEY/helm"
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

echo "install-helm: building helm $VERSION into $BIN (the first build takes a few minutes)" >&2
started=$SECONDS
mkdir -p "$DIR/$KEY/partial"
# The -X flags are those of Helm's own release build: its version (else `helm version` says only v3.19) and the
# default Kubernetes version, for the chart's kubeVersion check and the linter's deprecation rules.
ldflags="-X helm.sh/helm/v3/internal/version.version=$VERSION"
for pkg in helm.sh/helm/v3/pkg/chartutil helm.sh/helm/v3/pkg/lint/rules; do
  ldflags="$ldflags -X $pkg.k8sVersionMajor=$KUBE_MAJOR -X $pkg.k8sVersionMinor=$KUBE_MINOR"
done
(cd "$DIR/$KEY" && GOBIN="$DIR/$KEY/partial" go install -trimpath -ldflags "$ldflags" "helm.sh/helm/v3/cmd/helm@$VERSION") >&2
# Installed into a side directory and moved, so a build that stops half-way never looks like a finished binary.
mv "$DIR/$KEY/partial/helm" "$BIN"
rmdir "$DIR/$KEY/partial"
echo "install-helm: built helm $VERSION in $((SECONDS - started)) s" >&2
echo "$BIN"
