#!/usr/bin/env bash
# Runs the demo: a simulated Microsoft 365 tenant on loopback and the collector reading it, no Microsoft account
# needed. Extra arguments go to `m365-otel demo` (for example --cycles 1, --users 500, --otlp http://localhost:4318).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
. scripts/toolchain.sh
exec pnpm --silent m365-otel demo "$@"
