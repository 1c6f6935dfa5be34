# syntax=docker/dockerfile:1
# The m365-otel collector's container image (README.md, "Deploy"). The build context is the repository root:
#   docker build --build-arg REVISION="$(git rev-parse HEAD)" -t ghcr.io/m365-otel/m365-otel:0.1.0 .
# Stage `build` installs and builds the workspace and writes the collector's production bundle with
# deploy/image/bundle.sh (the script test/e2e/deploy-image.test.ts runs and starts too); the runtime stage is the
# slim Node base with that bundle alone: no pnpm, no sources, no dev dependencies, no compiler.

# Node 24 LTS on Debian 13 (trixie), slim, pinned to a release. Both stages use the same tag, so the bundle runs on
# the Node it was installed with (the test checks they agree).
FROM node:24.20.0-trixie-slim AS build
WORKDIR /src
# pnpm comes through corepack (bundled with Node 24) at the version package.json's packageManager pins (corepack
# downloads it from the npm registry, or from COREPACK_NPM_REGISTRY). CI=1: non-interactive; no turbo telemetry.
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0 CI=1 TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
RUN corepack enable pnpm
# The lockfile alone decides what is downloaded, so this layer is rebuilt only when the lockfile changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN pnpm fetch
COPY . .
# The collector and the workspace packages it imports (turbo builds each one's dependencies first), then the bundle.
RUN pnpm install --frozen-lockfile --offline \
 && pnpm exec turbo run build --filter=@m365-otel/collector \
 && bash deploy/image/bundle.sh /bundle

FROM node:24.20.0-trixie-slim
# VERSION is apps/collector's package.json version (the test checks it); REVISION the commit built from.
ARG VERSION=0.1.0
ARG REVISION=""
LABEL org.opencontainers.image.title="m365-otel" \
      org.opencontainers.image.description="OpenTelemetry-native monitoring of Microsoft 365: usage reports, service health and audit logs over OTLP" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="docker.io/library/node:24.20.0-trixie-slim"
# The memory settings of deploy/memory-lean.env (the test checks they agree): a collector in a container usually
# runs under a memory limit. Raise --max-old-space-size with the number of tenants (docker run -e NODE_OPTIONS=...).
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-semi-space-size=16 --max-old-space-size=768" \
    MALLOC_ARENA_MAX=2
WORKDIR /app
# Owned by root and read-only to the runtime user: the collector never writes next to its code.
COPY --from=build /bundle /app
# The state directory belongs to the runtime user, so a fresh named volume mounted there (Docker copies the
# directory's owner into it) is writable. The config is mounted at /etc/m365-otel/m365-otel.yaml.
RUN mkdir -p /var/lib/m365-otel /etc/m365-otel && chown 10001:10001 /var/lib/m365-otel
VOLUME ["/var/lib/m365-otel"]
# Numeric, so Kubernetes' runAsNonRoot can verify it without an /etc/passwd entry.
USER 10001:10001
# health: { enabled: true, endpoint: 0.0.0.0:13134 } serves /healthz and /readyz here.
EXPOSE 13134
# No init process (tini, docker run --init): node is PID 1 and handles SIGTERM and SIGINT itself (a graceful stop:
# in-flight work gets 10 s, then a flush), and it starts no child processes, so there are no orphans to reap.
# Give docker stop 30 s (--stop-timeout 30) so the flush is not cut short by its default 10 s.
STOPSIGNAL SIGTERM
# Liveness through node (the slim base has no curl or wget); M365_OTEL_HEALTHCHECK_URL overrides the URL.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["node", "/app/healthcheck.mjs"]
# Exec form: node itself is PID 1 and receives the signals (a shell form would put /bin/sh there, which ignores them).
ENTRYPOINT ["node", "/app/dist/cli.js"]
CMD ["run", "--config", "/etc/m365-otel/m365-otel.yaml"]
