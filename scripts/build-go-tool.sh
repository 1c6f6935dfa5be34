#!/usr/bin/env bash
# Builds one of the project's Go tools (a directory under tooling/ with its own go.mod) with the machine's Go and
# its module proxy settings: `bash scripts/build-go-tool.sh tooling/otelcol m365-otelcol`. The binary is kept under
# a directory named after a hash of its inputs (go.mod, go.sum, the Go sources and the Go version), so it is built
# once and reused until one of them changes; binaries of other inputs stay, since another checkout on the machine
# may be using them. M365_GO_TOOLS_DIR moves that directory. Progress goes to stderr; the last line on stdout is the
# binary's path.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: build-go-tool.sh <tool directory> <binary name>" >&2; exit 2; }
SRC="$(cd "$(dirname "$0")/.." && cd "$1" && pwd)"
NAME="$2"
command -v go >/dev/null || { echo "build-go-tool: go is required on PATH to build $NAME" >&2; exit 1; }
DIR="${M365_GO_TOOLS_DIR:-$HOME/.cache/m365-otel-toolchain/go-tools}/$NAME"
KEY=$( { go env GOVERSION GOOS GOARCH; cd "$SRC" && sha256sum go.mod go.sum ./*.go; } | sha256sum | cut -c1-16)
BIN="$DIR/$KEY/$NAME"
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

echo "build-go-tool: building $NAME from $SRC into $BIN (the first build takes a few minutes)" >&2
started=$SECONDS
mkdir -p "$DIR/$KEY"
# Built to a temporary name and renamed, so a build that stops half-way never looks like a finished binary.
(cd "$SRC" && go build -trimpath -buildvcs=false -mod=readonly -o "$BIN.partial" .) >&2
mv "$BIN.partial" "$BIN"
echo "build-go-tool: built $NAME in $((SECONDS - started)) s" >&2
echo "$BIN"
