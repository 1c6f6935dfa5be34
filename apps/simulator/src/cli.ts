#!/usr/bin/env node
// Runs the simulator as a process of its own (e2e tests, the demo): prints one JSON line with what a client needs,
// then serves until SIGTERM or SIGINT.
import { parseCliOptions, USAGE } from './cli-options.js';
import { type SimulatorOptions, startSimulator } from './server.js';

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const sim = await startSimulator(options);
  process.stdout.write(
    `${JSON.stringify({
      url: sim.url,
      authorityUrl: sim.authorityUrl,
      graphUrl: sim.graphUrl,
      managementUrl: sim.managementUrl,
      armUrl: sim.armUrl,
      caFile: sim.caFile,
      tenantId: sim.tenantId,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      certificate: sim.certificate,
    })}\n`,
  );
  const stop = (): void => {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    // Once the server is closed nothing keeps the event loop alive, so the process exits 0 by itself.
    sim.close().catch((error: unknown) => {
      process.stderr.write(
        `simulator: close failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
