// Soak: the collector CLI's long-running `run` against the simulator for an hour (by default) with every source on
// at short intervals, while Microsoft-side faults are switched on and off, sampling the collector's resident memory
// and open file descriptors. The baseline is the same process's own warm state, measured in the same run: the
// median of the samples of the first tenth after the first cycles. Flat memory is the target, so the table gives the
// ratio of the last tenth to that baseline and the slope over the second half.
//
//   pnpm --filter @m365-otel/bench run bench:soak                         # 60 minutes, a sample every 30 s
//   pnpm --filter @m365-otel/bench run bench:soak -- --minutes 10 --sample-seconds 10
//
// Each sample also asks the collector's /readyz how many sources are not `ok`, and the error lines of its log are
// tallied by message. Linux only: the samples are read from /proc/<pid>/status and /proc/<pid>/fd.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { HttpClient } from '@m365-otel/http';
import { freePort } from '@m365-otel/otelcol';
import { COLLECTOR_CLI, collectorConfig } from './measured-process.ts';
import { startReceiver } from './otlp-receiver.ts';
import { exitCode, formatTable, median, type SimulatorInfo, scriptArgs, spawnSimulator } from './support.ts';

/**
 * The faults switched on in turn, each for a few requests, then off: throttling, server errors, resets, a slow
 * download, an expired token mid-cycle and the Management Activity API's own throttling, across the sources.
 */
const FAULT_ROTATION: readonly Record<string, unknown>[] = [
  { kind: '429', target: 'report', times: 3, retryAfterSeconds: 2 },
  { kind: '503', target: 'service-health', times: 2 },
  { kind: 'reset', target: 'management', times: 2 },
  { kind: 'slow-body', target: 'download', times: 1, pauseMs: 2_000 },
  { kind: 'expired-token', target: 'governance', times: 1 },
  { kind: 'af429', target: 'management', times: 3 },
  { kind: '429-no-retry-after', target: 'call-records', times: 2 },
  { kind: 'truncated', target: 'service-health', times: 1 },
];

interface Sample {
  minute: number;
  rssMB: number;
  openFds: number;
  logRecords: number;
  errorLines: number;
  faultsInjected: number;
  /** Sources /readyz shows in another status than `ok`, e.g. `2 (throttled, no data yet)`. */
  notOk: string;
}

interface ReadyzBody {
  tenants: { sources: { status: string }[] }[];
}

/** How many sources /readyz shows as anything but `ok`, and which statuses (a failure's reason left out). */
async function sourcesNotOk(readyz: string): Promise<string> {
  const body = (await (await fetch(readyz)).json()) as ReadyzBody;
  const statuses = body.tenants
    .flatMap((tenant) => tenant.sources.map((source) => source.status.replace(/^failed: .*/s, 'failed')))
    .filter((status) => status !== 'ok');
  return statuses.length === 0 ? '0' : `${statuses.length} (${[...new Set(statuses)].join(', ')})`;
}

async function residentMB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

async function openFds(pid: number): Promise<number> {
  return (await readdir(`/proc/${pid}/fd`)).length;
}

/** Least-squares slope of y over x. */
function slope(points: readonly [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

async function injectFault(
  sim: SimulatorInfo,
  http: HttpClient,
  fault: Record<string, unknown>,
): Promise<void> {
  const answer = await http.request(`${sim.url}/_simulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  await answer.body.dump();
  if (answer.status !== 201)
    throw new Error(`the simulator refused fault ${JSON.stringify(fault)}: ${answer.status}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: scriptArgs(),
    options: {
      minutes: { type: 'string', default: '60' },
      'sample-seconds': { type: 'string', default: '30' },
      'fault-every-seconds': { type: 'string', default: '90' },
      users: { type: 'string', default: '300' },
    },
  });
  const minutes = Number(values.minutes);
  const sampleMs = Number(values['sample-seconds']) * 1000;
  const faultEveryMs = Number(values['fault-every-seconds']) * 1000;
  if (!(minutes >= 2) || !(sampleMs >= 1000) || !(faultEveryMs >= 1000))
    throw new Error('--minutes at least 2, --sample-seconds and --fault-every-seconds at least 1');

  const dir = await mkdtemp(join(tmpdir(), 'm365-soak-'));
  const { child: simulator, sim } = await spawnSimulator(['--seed', '1', '--users', String(values.users)]);
  const receiver = await startReceiver(dir);
  const http = new HttpClient({ caFile: sim.caFile });
  const config = join(dir, 'collector.yaml');
  const healthPort = await freePort();
  await writeFile(
    config,
    collectorConfig(sim, receiver, join(dir, 'state'), [
      'reports: { enabled: true, interval: 1m, details: { getMailboxUsageDetail: true } }',
      'serviceHealth: { enabled: true, interval: 30s, messages: true }',
      'audit: { enabled: true, pollInterval: 30s, startFrom: 1h }',
      'governance: { enabled: true, interval: 15m, connectHealth: false, riskyUsers: true }',
      'callQuality: { enabled: true, interval: 5m, records: true }',
      `health: { enabled: true, endpoint: 127.0.0.1:${healthPort} }`,
    ]),
  );
  const collector = spawn(process.execPath, [COLLECTOR_CLI, 'run', '--config', config], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      M365_CLIENT_SECRET: sim.clientSecret,
      M365_OTEL_LOG_LEVEL: 'warn',
      OTEL_METRIC_EXPORT_INTERVAL: '15000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errorLines = 0;
  const errorMessages = new Map<string, number>();
  let pending = '';
  collector.stderr?.setEncoding('utf8').on('data', (text: string) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('"level":"error"')) continue;
      errorLines += 1;
      const msg = String((JSON.parse(line) as { msg?: unknown }).msg);
      errorMessages.set(msg, (errorMessages.get(msg) ?? 0) + 1);
    }
  });
  const pid = collector.pid;
  if (pid === undefined) throw new Error('the collector did not start');

  const samples: Sample[] = [];
  let faultsInjected = 0;
  const started = Date.now();
  const end = started + minutes * 60_000;
  let nextSample = started + sampleMs;
  let nextFault = started + faultEveryMs;
  try {
    while (Date.now() < end) {
      if (collector.exitCode !== null)
        throw new Error(`the collector exited ${collector.exitCode} during the soak`);
      const now = Date.now();
      if (now >= nextFault) {
        await injectFault(sim, http, FAULT_ROTATION[faultsInjected % FAULT_ROTATION.length] ?? {});
        faultsInjected += 1;
        nextFault += faultEveryMs;
      }
      if (now >= nextSample) {
        samples.push({
          minute: (now - started) / 60_000,
          rssMB: await residentMB(pid),
          openFds: await openFds(pid),
          logRecords: receiver.logRecords(),
          errorLines,
          faultsInjected,
          notOk: await sourcesNotOk(`http://127.0.0.1:${healthPort}/readyz`),
        });
        nextSample += sampleMs;
      }
      await sleep(Math.max(50, Math.min(nextSample, nextFault) - Date.now()));
    }
  } finally {
    collector.kill('SIGTERM');
    await exitCode(collector);
    await http.close();
    await receiver.stop();
    simulator.kill('SIGTERM');
    await exitCode(simulator);
    await rm(dir, { recursive: true, force: true });
  }

  const tenth = Math.max(1, Math.floor(samples.length / 10));
  // The first cycles read every report and the audit look-back: the warm baseline starts after the first tenth.
  const warm = samples.slice(tenth, 2 * tenth);
  const last = samples.slice(-tenth);
  const secondHalf = samples.slice(Math.floor(samples.length / 2));
  const baselineRss = median(warm.map((s) => s.rssMB));
  const lastRss = median(last.map((s) => s.rssMB));
  const baselineFds = median(warm.map((s) => s.openFds));
  const lastFds = median(last.map((s) => s.openFds));
  const rows = samples.filter(
    (_, i) => i % Math.max(1, Math.round(samples.length / 12)) === 0 || i === samples.length - 1,
  );
  process.stdout.write(
    `Soak: ${minutes} min of \`run\`, every source on at short intervals, ${faultsInjected} faults injected; ` +
      `receiver: ${receiver.name}\n\n`,
  );
  process.stdout.write(
    `${formatTable([
      [
        'minute',
        'RSS MB',
        'open fds',
        'log records received',
        'error lines',
        'faults injected',
        'sources not ok',
      ],
      ...rows.map((s) => [
        s.minute.toFixed(1),
        s.rssMB.toFixed(0),
        String(s.openFds),
        String(s.logRecords),
        String(s.errorLines),
        String(s.faultsInjected),
        s.notOk,
      ]),
    ])}\n\n`,
  );
  process.stdout.write(
    `${formatTable([
      ['measure', 'baseline (warm, 2nd tenth)', 'last tenth', 'ratio', 'slope over 2nd half'],
      [
        'RSS MB',
        baselineRss.toFixed(0),
        lastRss.toFixed(0),
        (lastRss / baselineRss).toFixed(2),
        `${(slope(secondHalf.map((s) => [s.minute / 60, s.rssMB]))).toFixed(1)} MB/h`,
      ],
      [
        'open fds',
        String(baselineFds),
        String(lastFds),
        (lastFds / baselineFds).toFixed(2),
        `${slope(secondHalf.map((s) => [s.minute / 60, s.openFds])).toFixed(1)} /h`,
      ],
    ])}\n`,
  );
  if (errorMessages.size > 0)
    process.stdout.write(
      `\n${formatTable([
        ['error line', 'count'],
        ...[...errorMessages].map(([msg, count]) => [msg, String(count)]),
      ])}\n`,
    );
}

await main();
