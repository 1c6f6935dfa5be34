#!/usr/bin/env bash
# Builds the OpenTelemetry Collector that the tests run (tooling/otelcol: the Collector's own published modules,
# wired the way its builder ocb generates a distribution), once per change of its inputs (scripts/build-go-tool.sh).
# The last line on stdout is the binary's path.
set -euo pipefail
exec bash "$(dirname "$0")/build-go-tool.sh" tooling/otelcol m365-otelcol
