// Benchmark: the audit pipeline of the collector CLI (`run --once`: list, fetch, parse, dedup, map, export over
// OTLP, commit the checkpoint) on a backlog of about a million records, next to a baseline measured in the same run:
// the same listings and blob fetches, with the same concurrency, where each blob is only JSON.parse'd. Both sides run
// twice per run: with Node's defaults, and with the memory-lean settings of deploy/memory-lean.env.
//
//   pnpm --filter @m365-otel/bench run bench:audit
//   pnpm --filter @m365-otel/bench run bench:audit --records-per-blob 700 --slot-minutes 5 --runs 3
//   pnpm --filter @m365-otel/bench run bench:audit --cpu-prof /tmp/prof   # + a CPU profile of each collector run
//
// The simulator serves from a process of its own; the OTLP receiver is the real OpenTelemetry Collector (logs and
// metrics to its `debug` exporter) when M365_OTELCOL_BIN names one (scripts/build-otelcol.sh), else the test sink in
// a process of its own. Each measurement is a fresh Node process from spawn to exit (start-up and token included,
// alike for both), whose CPU time and peak RSS a preloaded module (usage-on-exit.ts) writes as it exits.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scopeForResource } from '@m365-otel/auth';
import { HttpClient } from '@m365-otel/http';
import {
  ActivityClient,
  CONTENT_TYPES,
  type ContentBlob,
  DEFAULT_MAX_CONCURRENT_FETCHES,
} from '@m365-otel/management-api';
import {
  measureBaselineWorker,
  measureCollectorRun,
  SETTINGS,
  SETTINGS_LABELS,
  settingsEnvironments,
} from './measured-process.ts';
import { type Receiver, startReceiver, stopChild } from './otlp-receiver.ts';
import {
  costCells,
  formatTable,
  median,
  type SimulatorInfo,
  scriptArgs,
  simulatorTokens,
  spawnSimulator,
  WORKER_OPTIONS,
} from './support.ts';
import type { Usage } from './usage-on-exit.ts';

/** The collector's first-run lookback, and the window the baseline lists: one listing window per content type. */
const LOOKBACK_MS = 24 * 3_600_000;

type Mode = 'baseline' | 'collector';

interface Measurement extends Usage {
  /** Records parsed (baseline) or delivered to the receiver (collector). */
  records: number;
  seconds: number;
}

/** A semaphore: at most `limit` of the tasks run at once. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((go) => waiting.push(go));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

/**
 * The baseline: the collector's listings (the activity client, every content type at once) and a GET of every
 * blob with the tenant's fetch concurrency, where each body is read whole and JSON.parse'd, nothing more.
 */
async function baseline(sim: SimulatorInfo): Promise<number> {
  const http = new HttpClient({ caFile: sim.caFile });
  const scope = scopeForResource(sim.managementUrl);
  const tokens = simulatorTokens(sim, http);
  const getAccessToken = async (options?: { forceRefresh?: boolean }) =>
    (await tokens.getToken(scope, options)).token;
  const client = new ActivityClient({
    managementBaseUrl: sim.managementUrl,
    tenantId: sim.tenantId,
    http,
    getAccessToken,
  });
  const fetchSlot = limiter(DEFAULT_MAX_CONCURRENT_FETCHES);
  const fetchBlob = (blob: ContentBlob) =>
    fetchSlot(async () => {
      const url = new URL(blob.contentUri);
      url.searchParams.set('PublisherIdentifier', sim.tenantId);
      const response = await http.request(url, {
        headers: { authorization: `Bearer ${await getAccessToken()}`, accept: 'application/json' },
      });
      if (response.status !== 200) throw new Error(`blob ${blob.contentId} answered ${response.status}`);
      return (JSON.parse(await response.body.text()) as unknown[]).length;
    });
  try {
    const failed = (await client.ensureSubscriptions(CONTENT_TYPES)).failed;
    if (failed.length > 0)
      throw new Error(`subscriptions failed: ${failed.map((f) => f.contentType).join(', ')}`);
    const endTime = new Date();
    const startTime = new Date(endTime.getTime() - LOOKBACK_MS);
    const perType = await Promise.all(
      CONTENT_TYPES.map(async (contentType) => {
        const fetches: Promise<number>[] = [];
        for await (const page of client.listContent(contentType, { startTime, endTime })) {
          for (const blob of page.blobs) fetches.push(fetchBlob(blob));
        }
        return (await Promise.all(fetches)).reduce((sum, count) => sum + count, 0);
      }),
    );
    return perType.reduce((sum, count) => sum + count, 0);
  } finally {
    await http.close();
  }
}

async function measureBaseline(
  sim: SimulatorInfo,
  dir: string,
  run: string,
  settings: Record<string, string>,
): Promise<Measurement> {
  const { count, seconds, usage } = await measureBaselineWorker({
    script: import.meta.filename,
    args: [],
    sim,
    dir,
    name: run,
    env: settings,
  });
  return { records: count, seconds, ...usage };
}

async function measureCollector(
  sim: SimulatorInfo,
  receiver: Receiver,
  dir: string,
  run: string,
  cpuProfileDir: string | undefined,
  settings: Record<string, string> = {},
): Promise<Measurement> {
  const { delivered, seconds, usage } = await measureCollectorRun({
    sim,
    receiver,
    reads: [
      'reports: { enabled: false }',
      'serviceHealth: { enabled: false }',
      `audit: { enabled: true, startFrom: ${LOOKBACK_MS / 3_600_000}h }`,
    ],
    dir,
    name: run,
    env: settings,
    cpuProfileDir,
  });
  return { records: delivered, seconds, ...usage };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: scriptArgs(),
    options: {
      ...WORKER_OPTIONS,
      'records-per-blob': { type: 'string', default: '700' },
      'slot-minutes': { type: 'string', default: '5' },
      runs: { type: 'string', default: '1' },
      'cpu-prof': { type: 'string' },
    },
  });
  if (values.worker !== undefined) {
    if (values.worker !== 'baseline') throw new Error('bad --worker');
    process.stdout.write(`${await baseline(JSON.parse(values.sim ?? '') as SimulatorInfo)}\n`);
    return;
  }
  const runs = Number(values.runs);
  const dir = await mkdtemp(join(tmpdir(), 'm365-bench-audit-'));
  const { child: simulator, sim } = await spawnSimulator([
    '--seed',
    '1',
    '--data-dir',
    join(dir, 'simulator'),
    '--audit-records-per-blob',
    values['records-per-blob'],
    '--audit-slot-minutes',
    values['slot-minutes'],
  ]);
  let receiver: Receiver | undefined;
  try {
    receiver = await startReceiver(dir);
    const environments = await settingsEnvironments();
    const results = {
      defaults: { baseline: [] as Measurement[], collector: [] as Measurement[] },
      'memory-lean': { baseline: [] as Measurement[], collector: [] as Measurement[] },
    };
    for (let run = 0; run < runs; run += 1) {
      // Alternate so drift on a shared machine hits all alike; the first baseline starts the subscriptions. Each
      // side runs under the same settings as the baseline it is compared with.
      for (const settings of SETTINGS) {
        const env = environments[settings];
        const name = `${run}-${settings}`;
        results[settings].baseline.push(await measureBaseline(sim, dir, name, env));
        results[settings].collector.push(
          await measureCollector(sim, receiver, dir, name, values['cpu-prof'], env),
        );
      }
    }
    const table: string[][] = [
      [
        'pipeline',
        'Node settings',
        'records',
        'median s',
        'records/s',
        'time ratio',
        'median CPU s',
        'CPU ratio',
        'peak RSS MB',
      ],
    ];
    const labels: Record<Mode, string> = {
      baseline: 'baseline: list + fetch + JSON.parse',
      collector: 'collector run --once (to OTLP, committed)',
    };
    for (const settings of SETTINGS) {
      const measured = results[settings];
      for (const mode of ['baseline', 'collector'] as const) {
        const records = median(measured[mode].map((m) => m.records));
        table.push([
          labels[mode],
          SETTINGS_LABELS[settings],
          records.toLocaleString('en-US'),
          ...costCells(measured[mode], measured.baseline, records),
        ]);
      }
    }
    console.log(formatTable(table));
    console.log(
      `\nNode ${process.version}, ${runs} run(s) each (median time, max peak RSS); ` +
        `backlog ${values['records-per-blob']} records per blob every ${values['slot-minutes']} min per content type, ` +
        `${LOOKBACK_MS / 3_600_000} h lookback, ${CONTENT_TYPES.length} content types; receiver: ${receiver.name}; ` +
        `records/s on the records each side handled (the baseline counts re-published copies, the collector delivers each Id once).`,
    );
  } finally {
    await receiver?.stop();
    await stopChild(simulator);
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
