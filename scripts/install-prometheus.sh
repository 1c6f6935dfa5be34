#!/usr/bin/env bash
# Installs Prometheus (Debian trixie's package, 2.53) for the end-to-end test that feeds it through the Collector's
# prometheus_remote_write exporter; its remote-write receiver is switched on by a flag, so the package's binary is
# all the test needs, unpacked like VictoriaMetrics (scripts/lib/debian-package.sh). Prints the binary's path on
# stdout.
set -euo pipefail
. "$(dirname "$0")/lib/debian-package.sh"
DIR="${M365_PROMETHEUS_DIR:-$HOME/.cache/m365-otel-toolchain/prometheus}"
BIN="$DIR/root/usr/bin/prometheus"
install_trixie_package prometheus "$DIR" "$BIN"
echo "$BIN"
