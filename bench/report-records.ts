// Benchmark: the collector CLI's `run --once` reading the largest per-entity report with per-entity log records on
// (download, CSV parse, mapping into the report's aggregate metric and one log record per row, OTLP export of the
// records in batches, acknowledged by the receiver), next to a baseline measured in the same run: the same Graph
// request, 302 and download, with the body decoded and split into lines and fields, nothing more. Both sides run
// with Node's defaults and with the memory-lean settings of deploy/memory-lean.env.
//
//   pnpm --filter @m365-otel/bench run bench:report-records                     # 1M rows, 3 runs
//   pnpm --filter @m365-otel/bench run bench:report-records -- --rows 100000 --runs 1
//   pnpm --filter @m365-otel/bench run bench:report-records -- --cpu-prof /tmp/prof   # + a CPU profile per collector run
//
// The simulator (--users N) serves from a process of its own; the OTLP receiver is the real OpenTelemetry Collector
// when M365_OTELCOL_BIN names one, else the test sink in a process of its own (otlp-receiver.ts). Each measurement
// is a fresh Node process from spawn to exit (start-up and token included, alike for both).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isReportName, REPORT_CATALOG, type ReportName } from '@m365-otel/graph-reports';
import { HttpClient } from '@m365-otel/http';
import { REPORT_MAPPINGS } from '@m365-otel/mappers';
import {
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

/** The per-entity report with the most bytes a row (about 233 in the simulator) and one row per user. */
const DEFAULT_REPORT: ReportName = 'getTeamsUserActivityUserDetail';

type Mode = 'baseline' | 'collector';

interface Measurement extends Usage {
  /** Rows split (baseline) or log records delivered to the receiver (collector). */
  rows: number;
  seconds: number;
}

/**
 * Splits one CSV line into its fields: `split` when it holds no quote (nearly every line of Microsoft's reports),
 * else a walk that honours quoted commas and `""`.
 */
function fields(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted) {
      if (char !== '"') cell += char;
      else if (line[index + 1] === '"') {
        cell += '"';
        index++;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

/**
 * The baseline: the token, the Graph request, its 302 and the download of the pre-authenticated URL, the body
 * decoded and split into lines and fields (every field a string, as any reader of the report gets). Resolves with
 * the number of data rows, each checked to have the header's number of fields.
 */
async function baseline(sim: SimulatorInfo, report: ReportName): Promise<number> {
  const http = new HttpClient({ caFile: sim.caFile });
  try {
    const token = await accessToken(sim, http);
    const graph = await http.request(`${sim.graphUrl}/v1.0/reports/${report}(period='D7')`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await graph.body.dump();
    const location = graph.headers.location;
    if (graph.status !== 302 || location === undefined)
      throw new Error(`expected a 302, got ${graph.status}`);
    const download = await http.request(location);
    if (download.status !== 200) throw new Error(`download answered ${download.status}`);
    const decoder = new TextDecoder();
    let width: number | undefined;
    let rows = -1; // the header line
    const line = (text: string) => {
      if (text.length === 0) return;
      const count = fields(text).length;
      width ??= count;
      if (count !== width) throw new Error(`a row of ${count} fields in a header of ${width}`);
      rows += 1;
    };
    let pending = '';
    for await (const chunk of download.body) {
      const text = pending + decoder.decode(chunk, { stream: true });
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        line(text.slice(start, text[end - 1] === '\r' ? end - 1 : end));
        start = end + 1;
      }
      pending = text.slice(start);
    }
    line(pending + decoder.decode());
    return rows;
  } finally {
    await http.close();
  }
}

/**
 * What the collector reads: the one report, its details (a log record per row) on, every metric it feeds on and
 * every other report's metrics off, nothing else; a fresh state directory, so the report is downloaded every run.
 */
function collectorReads(report: ReportName): string[] {
  const metrics = REPORT_MAPPINGS.flatMap((mapping) =>
    mapping.metrics.map((metric) => `  ${metric}: { enabled: ${mapping.report === report} }`),
  );
  return [
    `reports: { enabled: true, details: { ${report}: true } }`,
    'serviceHealth: { enabled: false }',
    'audit: { enabled: false }',
    'metrics:',
    ...metrics,
  ];
}

async function measureBaseline(
  sim: SimulatorInfo,
  report: ReportName,
  dir: string,
  name: string,
  env: Record<string, string>,
): Promise<Measurement> {
  const { count, seconds, usage } = await measureBaselineWorker({
    script: import.meta.filename,
    args: ['--report', report],
    sim,
    dir,
    name,
    env,
  });
  return { rows: count, seconds, ...usage };
}

async function measureCollector(
  sim: SimulatorInfo,
  report: ReportName,
  receiver: Receiver,
  dir: string,
  name: string,
  env: Record<string, string>,
  cpuProfileDir: string | undefined,
): Promise<Measurement> {
  const { delivered, seconds, usage } = await measureCollectorRun({
    sim,
    receiver,
    reads: collectorReads(report),
    dir,
    name,
    env,
    cpuProfileDir,
  });
  return { rows: delivered, seconds, ...usage };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: scriptArgs(),
    options: {
      ...WORKER_OPTIONS,
      report: { type: 'string', default: DEFAULT_REPORT },
      rows: { type: 'string', multiple: true },
      runs: { type: 'string', default: '3' },
      'cpu-prof': { type: 'string' },
    },
  });
  const report = values.report;
  if (!isReportName(report) || REPORT_CATALOG[report].shape !== 'per-entity')
    throw new Error(`--report ${report}: not a per-entity report`);
  if (values.worker !== undefined) {
    if (values.worker !== 'baseline') throw new Error('bad --worker');
    process.stdout.write(`${await baseline(JSON.parse(values.sim ?? '') as SimulatorInfo, report)}\n`);
    return;
  }
  const sizes = (values.rows ?? ['1000000']).map(Number);
  const runs = Number(values.runs);
  const environments = await settingsEnvironments();
  const table: string[][] = [
    [
      'rows',
      'pipeline',
      'Node settings',
      'median s',
      'rows/s',
      'time ratio',
      'median CPU s',
      'CPU ratio',
      'peak RSS MB',
    ],
  ];
  const labels: Record<Mode, string> = {
    baseline: 'baseline: download + split lines and fields',
    collector: 'collector run --once, log record per row (to OTLP, acknowledged)',
  };
  let receiverName = '';
  for (const users of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'm365-bench-records-'));
    const { child: simulator, sim } = await spawnSimulator([
      '--seed',
      '1',
      '--users',
      String(users),
      '--data-dir',
      join(dir, 'simulator'),
    ]);
    let receiver: Receiver | undefined;
    try {
      receiver = await startReceiver(dir);
      receiverName = receiver.name;
      // Warm-up, not counted: the simulator builds its per-day aggregates on first use.
      await measureBaseline(sim, report, dir, 'warm-up', {});
      const results: Record<Settings, Record<Mode, Measurement[]>> = {
        defaults: { baseline: [], collector: [] },
        'memory-lean': { baseline: [], collector: [] },
      };
      for (let run = 0; run < runs; run += 1) {
        // Alternated so drift on a shared machine hits all alike; each side is compared with the baseline run
        // under the same settings.
        for (const settings of SETTINGS) {
          const env = environments[settings];
          const name = `${users}-${run}-${settings}`;
          results[settings].baseline.push(await measureBaseline(sim, report, dir, name, env));
          results[settings].collector.push(
            await measureCollector(sim, report, receiver, dir, name, env, values['cpu-prof']),
          );
        }
      }
      for (const settings of SETTINGS) {
        const measured = results[settings];
        const baselineRows = median(measured.baseline.map((m) => m.rows));
        for (const mode of ['baseline', 'collector'] as const) {
          const rows = median(measured[mode].map((m) => m.rows));
          if (rows !== baselineRows)
            throw new Error(`${mode} handled ${rows} rows, the baseline ${baselineRows}`);
          table.push([
            rows.toLocaleString('en-US'),
            labels[mode],
            SETTINGS_LABELS[settings],
            ...costCells(measured[mode], measured.baseline, rows),
          ]);
        }
      }
    } finally {
      await receiver?.stop();
      await stopChild(simulator);
      await rm(dir, { recursive: true, force: true });
    }
  }
  console.log(formatTable(table));
  console.log(
    `\nNode ${process.version}, ${runs} run(s) each (median time and CPU, max peak RSS); report ${report}(period='D7') ` +
      `with details on; receiver: ${receiverName}.`,
  );
}

await main();
