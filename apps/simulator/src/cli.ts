#!/usr/bin/env node
// Runs the simulator as a process of its own (e2e tests, the demo, the getting-started guide): optionally writes an
// m365-otel config for the simulated tenant, prints one JSON line with what a client needs, then serves until
// SIGTERM or SIGINT.
import { writeSimulatorConfig } from './cli-config.js';
import { type CliArguments, parseCliArguments, USAGE } from './cli-options.js';
import { startSimulator } from './server.js';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  let cli: CliArguments;
  try {
    cli = parseCliArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${message(error)}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const sim = await startSimulator(cli.simulator);
  let config: string | undefined;
  if (cli.writeConfig !== undefined) {
    try {
      config = (await writeSimulatorConfig(sim, cli.writeConfig)).configFile;
    } catch (error) {
      // A simulator nobody can be pointed at is of no use: stop it rather than serve without the promised file.
      process.stderr.write(`simulator: --write-config ${cli.writeConfig}: ${message(error)}\n`);
      process.exitCode = 1;
      await sim.close();
      return;
    }
  }
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
      ...(config === undefined ? {} : { config }),
    })}\n`,
  );
  const stop = (): void => {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    // Once the server is closed nothing keeps the event loop alive, so the process exits 0 by itself.
    sim.close().catch((error: unknown) => {
      process.stderr.write(`simulator: close failed: ${message(error)}\n`);
      process.exitCode = 1;
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator: ${message(error)}\n`);
  process.exitCode = 1;
});
