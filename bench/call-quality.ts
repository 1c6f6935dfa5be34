// Benchmark: the collector CLI's `run --once` reading N days of Teams call records (the list of every page, one get
// per final record with its sessions and segments, every further sessions page, rating every stream and counting it
// into the call-quality counters and histograms, exported over OTLP and acknowledged), with and without a log record
// per call, next to a baseline measured in the same run: the same Graph requests (token, list pages, one get per
// final record four at a time, every sessions page), each answer parsed as JSON, nothing more.
//
//   pnpm --filter @m365-otel/bench run bench:call-quality                       # 30 days (Graph's retention), 3 runs
//   pnpm --filter @m365-otel/bench run bench:call-quality -- --days 7 --runs 1
//
// The simulator (--users N; its tenant makes at most 48 calls a day, one per 30-minute slot, whatever the users)
// serves from a process of its own; the OTLP receiver is the real OpenTelemetry Collector when M365_OTELCOL_BIN names
// one, else the test sink in a process of its own (otlp-receiver.ts). A collector that was away for N − 1 days reads
// N days: each collector run starts from a fresh state directory holding a call-quality cursor N − 1 days old. Each
// measurement is a fresh Node process from spawn to exit (start-up and token included, alike for all).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CALL_RECORD_SETTLE_MS,
  callQualityCursorKey,
  FileStateStore,
  serializeCallQualityCursor,
} from '@m365-otel/collector';
import { HttpClient } from '@m365-otel/http';
import {
  collectorStateDir,
  measureBaselineWorker,
  measureCollectorRun,
  SETTINGS,
  SETTINGS_LABELS,
  type Settings,
  settingsEnvironments,
} from './measured-process.ts';
import { type Receiver, startReceiver, stopChild } from './otlp-receiver.ts';
import {
  accessToken,
  costCells,
  formatTable,
  median,
  type SimulatorInfo,
  scriptArgs,
  spawnSimulator,
  WORKER_OPTIONS,
} from './support.ts';
import type { Usage } from './usage-on-exit.ts';

const DAY_MS = 86_400_000;
/** The collector's reads of one batch at once (CALL_RECORD_READS_AT_ONCE); the baseline reads alike. */
const READS_AT_ONCE = 4;
const SUMMARY_FIELDS = 'id,type,startDateTime,endDateTime,lastModifiedDateTime,version,modalities';

type Mode = 'baseline' | 'metrics' | 'records';

interface Measurement extends Usage {
  /** Call records read, as the simulator counted its gets. */
  records: number;
  seconds: number;
}

/** The simulator's request counters of the call records (its stats, not counted themselves). */
async function recordGets(sim: SimulatorInfo): Promise<number> {
  const http = new HttpClient({ caFile: sim.caFile });
  try {
    const answer = await http.request(`${sim.url}/_simulator/stats`);
    const stats = (await answer.body.json()) as { callRecordGets: number };
    return stats.callRecordGets;
  } finally {
    await http.close();
  }
}

/**
 * The baseline: a token, every page of the records started in the last `days` days, then one get per final record
 * (ended, unchanged for the collector's settle time) with sessions and segments expanded, `READS_AT_ONCE` at a time,
 * and every further sessions page; each answer parsed as JSON. Resolves with the number of records read.
 */
async function baseline(sim: SimulatorInfo, days: number): Promise<number> {
  const http = new HttpClient({ caFile: sim.caFile });
  try {
    const token = await accessToken(sim, http);
    const get = async (url: string): Promise<Record<string, unknown>> => {
      const answer = await http.request(url, {
        headers: { authorization: `Bearer ${token}`, prefer: 'odata.maxpagesize=60' },
      });
      if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`);
      return (await answer.body.json()) as Record<string, unknown>;
    };
    const nowMs = Date.now();
    const filter = `startDateTime ge ${new Date(nowMs - days * DAY_MS).toISOString()} and startDateTime lt ${new Date(nowMs).toISOString()}`;
    let link: unknown = `${sim.graphUrl}/v1.0/communications/callRecords?$filter=${encodeURIComponent(filter)}&$select=${SUMMARY_FIELDS}`;
    const final: string[] = [];
    while (typeof link === 'string') {
      const page = await get(link);
      for (const record of page.value as { id: string; endDateTime?: string; lastModifiedDateTime: string }[])
        if (record.endDateTime && Date.parse(record.lastModifiedDateTime) <= nowMs - CALL_RECORD_SETTLE_MS)
          final.push(record.id);
      link = page['@odata.nextLink'];
    }
    let next = 0;
    const reader = async () => {
      for (let id = final[next++]; id !== undefined; id = final[next++]) {
        const record = await get(
          `${sim.graphUrl}/v1.0/communications/callRecords/${id}?$expand=sessions($expand=segments)`,
        );
        for (let sessions = record['sessions@odata.nextLink']; typeof sessions === 'string'; )
          sessions = (await get(sessions))['@odata.nextLink'];
      }
    };
    await Promise.all(Array.from({ length: READS_AT_ONCE }, reader));
    return final.length;
  } finally {
    await http.close();
  }
}

async function measureCollector(
  sim: SimulatorInfo,
  receiver: Receiver,
  days: number,
  dir: string,
  name: string,
  records: boolean,
  env: Record<string, string>,
): Promise<Measurement> {
  // A cursor N − 1 days old: the listing then starts N days back (a day's late horizon before the cursor).
  await new FileStateStore(collectorStateDir(dir, name)).write(
    callQualityCursorKey(sim.tenantId),
    serializeCallQualityCursor({ cursor: Date.now() - (days - 1) * DAY_MS, read: new Map() }),
  );
  const before = await recordGets(sim);
  const { delivered, seconds, usage } = await measureCollectorRun({
    sim,
    receiver,
    // Calls started in the last `days` days, one log record per call or none, nothing else read.
    reads: [
      'reports: { enabled: false }',
      'serviceHealth: { enabled: false }',
      `callQuality: { enabled: true, records: ${records} }`,
    ],
    dir,
    name,
    env,
    cpuProfileDir: undefined,
  });
  const read = (await recordGets(sim)) - before;
  if (records && delivered !== read) throw new Error(`${name}: ${read} records read, ${delivered} delivered`);
  return { records: read, seconds, ...usage };
}

async function measureBaseline(
  sim: SimulatorInfo,
  days: number,
  dir: string,
  name: string,
  env: Record<string, string>,
): Promise<Measurement> {
  const before = await recordGets(sim);
  const { count, seconds, usage } = await measureBaselineWorker({
    script: import.meta.filename,
    args: ['--days', String(days)],
    sim,
    dir,
    name,
    env,
  });
  const read = (await recordGets(sim)) - before;
  if (count !== read) throw new Error(`baseline ${name}: ${count} records counted, ${read} gets`);
  return { records: read, seconds, ...usage };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: scriptArgs(),
    options: {
      ...WORKER_OPTIONS,
      days: { type: 'string', default: '30' },
      users: { type: 'string', default: '2000' },
      runs: { type: 'string', default: '3' },
    },
  });
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 30)
    throw new Error('--days: 1 to 30 (Graph keeps 30 days)');
  if (values.worker !== undefined) {
    if (values.worker !== 'baseline') throw new Error('bad --worker');
    process.stdout.write(`${await baseline(JSON.parse(values.sim ?? '') as SimulatorInfo, days)}\n`);
    return;
  }
  const runs = Number(values.runs);
  const labels: Record<Mode, string> = {
    baseline: 'baseline: the same Graph requests, JSON parsed',
    metrics: 'collector run --once, metrics (to OTLP, acknowledged)',
    records: 'collector run --once, metrics + a log record per call',
  };
  const dir = await mkdtemp(join(tmpdir(), 'm365-bench-calls-'));
  const { child: simulator, sim } = await spawnSimulator([
    '--seed',
    '1',
    '--users',
    values.users,
    '--data-dir',
    join(dir, 'simulator'),
  ]);
  let receiver: Receiver | undefined;
  const table: string[][] = [
    [
      'days',
      'records',
      'pipeline',
      'Node settings',
      'median s',
      'records/s',
      'time ratio',
      'median CPU s',
      'CPU ratio',
      'peak RSS MB',
    ],
  ];
  try {
    receiver = await startReceiver(dir);
    const environments = await settingsEnvironments();
    // Warm-up, not counted: the first reads of the simulator's model.
    await measureBaseline(sim, days, dir, 'warm-up', {});
    const results = Object.fromEntries(
      SETTINGS.map((settings) => [settings, { baseline: [], metrics: [], records: [] }]),
    ) as unknown as Record<Settings, Record<Mode, Measurement[]>>;
    for (let run = 0; run < runs; run += 1) {
      // Alternated so drift on a shared machine hits all alike; each side is compared with the baseline run under
      // the same settings.
      for (const settings of SETTINGS) {
        const env = environments[settings];
        const name = `${run}-${settings}`;
        const measured = results[settings];
        measured.baseline.push(await measureBaseline(sim, days, dir, name, env));
        measured.metrics.push(
          await measureCollector(sim, receiver, days, dir, `metrics-${name}`, false, env),
        );
        measured.records.push(await measureCollector(sim, receiver, days, dir, `records-${name}`, true, env));
      }
    }
    for (const settings of SETTINGS) {
      const measured = results[settings];
      const records = median(measured.baseline.map((m) => m.records));
      for (const mode of ['baseline', 'metrics', 'records'] as const) {
        const read = median(measured[mode].map((m) => m.records));
        // A record may become final between two runs: the counts may differ by the few calls of that moment.
        if (Math.abs(read - records) > 2)
          throw new Error(`${mode} read ${read} records, the baseline ${records}`);
        table.push([
          String(days),
          read.toLocaleString('en-US'),
          labels[mode],
          SETTINGS_LABELS[settings],
          ...costCells(measured[mode], measured.baseline, read),
        ]);
      }
    }
    console.log(formatTable(table));
    console.log(
      `\nNode ${process.version}, ${runs} run(s) each (median time and CPU, max peak RSS); ` +
        `simulator --users ${values.users}; receiver: ${receiver.name}.`,
    );
  } finally {
    await receiver?.stop();
    await stopChild(simulator);
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
