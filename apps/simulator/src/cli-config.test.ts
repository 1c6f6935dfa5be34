import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConfigTarget, simulatorConfigYaml, writeSimulatorConfig } from './cli-config.js';
import { type RunningSimulator, startSimulator } from './server.js';

// The config's validity against the collector's schema is checked where the collector is at hand: the e2e test of
// the getting-started guide runs `m365-otel validate` and `run --once` on a config this writes.

const TARGET: ConfigTarget = {
  url: 'https://127.0.0.1:40443',
  authorityUrl: 'https://127.0.0.1:40443',
  graphUrl: 'https://127.0.0.1:40443',
  managementUrl: 'https://localhost:40443',
  armUrl: 'https://arm.localhost:40443',
  caFile: '/tmp/sim/ca.pem',
  tenantId: '11111111-2222-3333-4444-555555555555',
  clientId: '66666666-7777-8888-9999-000000000000',
};

describe('simulatorConfigYaml', () => {
  it('points a custom-cloud tenant at the simulator, the secret read from its file', () => {
    const yaml = simulatorConfigYaml(TARGET, { secretFile: '/tmp/sim/client-secret', armResolves: true });
    expect(yaml).toContain(`  - tenantId: ${TARGET.tenantId}\n    clientId: ${TARGET.clientId}\n`);
    expect(yaml).toContain(`    clientSecret: \${file:/tmp/sim/client-secret}`);
    expect(yaml).toContain('    cloud: custom');
    expect(yaml).toContain(
      '    endpoints:\n      authority: https://127.0.0.1:40443\n      graph: https://127.0.0.1:40443\n' +
        '      management: https://localhost:40443\n      arm: https://arm.localhost:40443\n',
    );
    expect(yaml).toContain('    tls:\n      caFile: /tmp/sim/ca.pem\n');
    expect(yaml).toContain('  connectHealth: true\n');
    expect(yaml).toContain('  otlp: { endpoint: http://localhost:4318 }\n');
  });

  it('leaves Connect Health off, saying why, when the Resource Manager host name does not resolve', () => {
    const yaml = simulatorConfigYaml(TARGET, { secretFile: '/tmp/sim/client-secret', armResolves: false });
    expect(yaml).not.toContain('arm: ');
    expect(yaml).toContain(
      '  # arm.localhost does not resolve on this machine: start the simulator with --arm-host',
    );
    expect(yaml).toContain('  connectHealth: false\n');
  });

  it('quotes a path YAML would otherwise read differently', () => {
    const odd = '/tmp/my sim: #1/ca.pem';
    const yaml = simulatorConfigYaml({ ...TARGET, caFile: odd }, { secretFile: '/s', armResolves: true });
    const line = yaml.split('\n').find((text) => text.startsWith('      caFile: '));
    expect(line).toBeDefined();
    // A JSON string is a YAML double-quoted scalar with the same value.
    expect(JSON.parse(String(line).slice('      caFile: '.length))).toBe(odd);
  });
});

describe('writeSimulatorConfig', () => {
  let sim: RunningSimulator;
  let dir: string;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 2, users: 5 });
    dir = await mkdtemp(join(tmpdir(), 'm365-otel-sim-config-'));
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the secret owner-only beside the CA and a config that names the running simulator', async () => {
    const written = await writeSimulatorConfig(sim, join(dir, 'm365-otel.yaml'), async () => true);
    expect(written.configFile).toBe(join(dir, 'm365-otel.yaml'));
    expect(written.secretFile).toBe(join(sim.caFile, '..', 'client-secret'));
    expect((await readFile(written.secretFile, 'utf8')).trim()).toBe(sim.clientSecret);
    expect((await stat(written.secretFile)).mode & 0o777).toBe(0o600);
    const yaml = await readFile(written.configFile, 'utf8');
    expect(yaml).toBe(simulatorConfigYaml(sim, { secretFile: written.secretFile, armResolves: true }));
    expect(yaml).toContain(sim.graphUrl);
    expect(yaml).not.toContain(sim.clientSecret);
    // Renamed into place: no temporary file is left behind.
    expect(await readdir(dir)).toEqual(['m365-otel.yaml']);
  });

  it('asks the resolver about the simulator Resource Manager host name', async () => {
    const asked: string[] = [];
    await writeSimulatorConfig(sim, join(dir, 'other.yaml'), async (host) => {
      asked.push(host);
      return false;
    });
    expect(asked).toEqual([new URL(sim.armUrl).hostname]);
    expect(await readFile(join(dir, 'other.yaml'), 'utf8')).toContain('  connectHealth: false\n');
  });
});
