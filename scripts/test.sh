#!/usr/bin/env bash
# The project's test command: toolchain, install, build, lint and typecheck, then every unit test and the
# end-to-end tests (simulator + collector CLI + a real VictoriaMetrics, installed on first use) in one vitest run.
# The real OpenTelemetry Collector the tests run is built on first use (scripts/build-otelcol.sh), and Prometheus,
# which the Collector feeds by remote write, is installed on first use like VictoriaMetrics; so is hadolint, which lints the container image's Dockerfile. Helm and the Kubernetes
# schema check's decoder are built from their Go modules on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/toolchain.sh
M365_VICTORIA_METRICS_BIN="$(bash scripts/install-victoria-metrics.sh)"
export M365_VICTORIA_METRICS_BIN
M365_OTELCOL_BIN="$(bash scripts/build-otelcol.sh | tail -n 1)"
export M365_OTELCOL_BIN
M365_PROMETHEUS_BIN="$(bash scripts/install-prometheus.sh)"
export M365_PROMETHEUS_BIN
M365_HADOLINT_BIN="$(bash scripts/install-hadolint.sh)"
export M365_HADOLINT_BIN
# Helm and the strict Kubernetes decoder for test/e2e/deploy-kubernetes.test.ts, built from Go modules on first use.
M365_HELM_BIN="$(bash scripts/install-helm.sh | tail -n 1)"
export M365_HELM_BIN
M365_KUBE_VALIDATE_BIN="$(bash scripts/build-go-tool.sh tooling/kube m365-kube-validate | tail -n 1)"
export M365_KUBE_VALIDATE_BIN
pnpm run lint
mkdir -p .cache
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest-report.json || status=$?
node scripts/test-summary.mjs .cache/vitest-report.json
exit "$status"
