/** The environment variable through which scripts/test.sh hands the built Collector to the tests. */
export const otelcolBinaryVariable = 'M365_OTELCOL_BIN';

/**
 * The path of the Collector built by scripts/build-otelcol.sh. Tests that need the real Collector fail without
 * it rather than skip, so a run that lost the Collector cannot pass unnoticed.
 */
export function otelcolBinary(env: NodeJS.ProcessEnv = process.env): string {
  const path = env[otelcolBinaryVariable];
  if (!path) {
    throw new Error(
      `${otelcolBinaryVariable} is not set: build the Collector with \`bash scripts/build-otelcol.sh\` and set ` +
        `${otelcolBinaryVariable} to the path it prints last (scripts/test.sh does both)`,
    );
  }
  return path;
}
