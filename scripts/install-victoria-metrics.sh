#!/usr/bin/env bash
# Installs VictoriaMetrics (a real OTLP/HTTP metrics backend that answers PromQL) for the end-to-end tests.
# Debian bookworm's Prometheus has no OTLP receiver; Debian trixie's victoria-metrics package is a static binary,
# so it is unpacked from the package (scripts/lib/debian-package.sh). Prints the binary's path on stdout.
set -euo pipefail
. "$(dirname "$0")/lib/debian-package.sh"
DIR="${M365_VM_DIR:-$HOME/.cache/m365-otel-toolchain/victoria-metrics}"
BIN="$DIR/root/usr/bin/victoria-metrics"
install_trixie_package victoria-metrics "$DIR" "$BIN"
echo "$BIN"
