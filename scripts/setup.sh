#!/usr/bin/env bash
# Installs the toolchain (when needed) and the workspace's dependencies, then builds every package.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
pnpm install --frozen-lockfile --reporter=append-only
pnpm run build
