#!/usr/bin/env bash
# Builds the OpenTelemetry Collector that the tests run (tooling/otelcol: the Collector's own published modules,
# wired the way its builder ocb generates a distribution) with the machine's Go and its module proxy settings.
# The binary is kept under a directory named after a hash of its inputs (go.mod, go.sum, the Go sources and the Go
# version), so it is built once and reused until one of them changes; binaries of other inputs stay, since another
# checkout on the machine may be using them. M365_OTELCOL_DIR moves that directory. Progress goes to stderr; the
# last line on stdout is the binary's path.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/../tooling/otelcol" && pwd)"
command -v go >/dev/null || { echo "build-otelcol: go is required on PATH to build the Collector" >&2; exit 1; }
DIR="${M365_OTELCOL_DIR:-$HOME/.cache/m365-otel-toolchain/otelcol}"
KEY=$( { go env GOVERSION GOOS GOARCH; cd "$SRC" && sha256sum go.mod go.sum ./*.go; } | sha256sum | cut -c1-16)
BIN="$DIR/$KEY/m365-otelcol"
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

echo "build-otelcol: building the Collector from $SRC into $BIN (the first build takes a few minutes)" >&2
started=$SECONDS
mkdir -p "$DIR/$KEY"
# Built to a temporary name and renamed, so a build that stops half-way never looks like a finished binary.
(cd "$SRC" && go build -trimpath -buildvcs=false -mod=readonly -o "$BIN.partial" .) >&2
mv "$BIN.partial" "$BIN"
echo "build-otelcol: built in $((SECONDS - started)) s" >&2
echo "$BIN"
