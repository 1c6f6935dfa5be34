// The container image's HEALTHCHECK: exits 0 when the collector's liveness endpoint answers 200, 1 otherwise.
// A script because the slim Node base image has no curl or wget, and node is there anyway. The URL is the one the
// image's contract names (health: { enabled: true, endpoint: 0.0.0.0:13134 }); a config that serves health
// elsewhere sets M365_OTEL_HEALTHCHECK_URL.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by the container's health check, not by a turbo task
const url = process.env.M365_OTEL_HEALTHCHECK_URL || 'http://127.0.0.1:13134/healthz';

try {
  // Well inside the Dockerfile's HEALTHCHECK --timeout (10 s), so a hung collector is reported by this script's
  // message rather than by Docker killing it.
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'error' });
  await response.body?.cancel();
  if (response.status !== 200) {
    console.error(`healthcheck: ${url} answered ${response.status}`);
    process.exit(1);
  }
} catch (error) {
  // fetch's own message is "fetch failed"; its cause says why (ECONNREFUSED, a timeout, a bad URL).
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  console.error(`healthcheck: ${url}: ${error instanceof Error ? error.message : String(error)}${cause}`);
  process.exit(1);
}
