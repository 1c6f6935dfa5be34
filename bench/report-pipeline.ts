// Benchmark: the report pipeline (HTTP download + CSV parse + map + aggregate) on getMailboxUsageDetail, next to a
// baseline measured in the same run: the same 302 flow and download, where the body is only split into lines.
//
//   pnpm bench                      # 100k and 1M rows, 3 runs each
//   pnpm bench -- --rows 100000 --runs 5
//
// Every measurement runs in a fresh Node process so its peak RSS is its own; the simulator serves from another
// process. Timings exclude token acquisition (done before the clock starts) and include everything after it.

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ReportsClient } from '@m365-otel/graph-reports';
import { HttpClient } from '@m365-otel/http';
import { REPORT_MAPPINGS } from '@m365-otel/mappers';
import {
  accessToken,
  costCells,
  exitCode,
  firstLine,
  formatTable,
  type SimulatorInfo,
  scriptArgs,
  spawnSimulator,
  WORKER_OPTIONS,
} from './support.ts';

const REPORT = 'getMailboxUsageDetail';

type Mode = 'baseline' | 'pipeline';

interface Measurement {
  rows: number;
  seconds: number;
  /** CPU time of the measuring process (user + system): the simulator serving the body runs elsewhere. */
  cpuSeconds: number;
  peakRssMB: number;
}

/** The baseline: the same Graph request, 302 and download, with the body only decoded and split into lines. */
async function baseline(sim: SimulatorInfo, http: HttpClient, token: string): Promise<number> {
  const graph = await http.request(`${sim.graphUrl}/v1.0/reports/${REPORT}(period='D7')`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await graph.body.dump();
  const location = graph.headers.location;
  if (graph.status !== 302 || location === undefined) throw new Error(`expected a 302, got ${graph.status}`);
  const download = await http.request(location);
  if (download.status !== 200) throw new Error(`download answered ${download.status}`);
  const decoder = new TextDecoder();
  let lines = 0;
  let pending = '';
  for await (const chunk of download.body) {
    const text = pending + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      lines += 1;
      start = end + 1;
    }
    pending = text.slice(start);
  }
  if (pending.length > 0) lines += 1;
  return lines - 1; // the header line
}

async function pipeline(sim: SimulatorInfo, http: HttpClient, token: string): Promise<number> {
  const mapping = REPORT_MAPPINGS.find((m) => m.report === REPORT);
  if (mapping === undefined) throw new Error(`no mapping for ${REPORT}`);
  const client = new ReportsClient({ graphBaseUrl: sim.graphUrl, http, getAccessToken: async () => token });
  const result = await client.read(
    { report: REPORT, period: 'D7' },
    { start: () => mapping.createAccumulator(), row: (accumulator, row) => accumulator.add(row) },
  );
  const snapshot = result.state.finish();
  if (snapshot.observations.length === 0) throw new Error('the pipeline produced no observation');
  return result.rows;
}

async function worker(mode: Mode, sim: SimulatorInfo): Promise<void> {
  const http = new HttpClient({ caFile: sim.caFile });
  const token = await accessToken(sim, http);
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const rows = mode === 'baseline' ? await baseline(sim, http, token) : await pipeline(sim, http, token);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  await http.close();
  const measurement: Measurement = {
    rows,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

async function measure(mode: Mode, sim: SimulatorInfo): Promise<Measurement> {
  const child = spawn(
    process.execPath,
    [import.meta.filename, '--worker', mode, '--sim', JSON.stringify(sim)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await firstLine(child);
  const code = await exitCode(child);
  if (code !== 0) throw new Error(`${mode} worker exited ${code}`);
  return JSON.parse(line) as Measurement;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: scriptArgs(),
    options: {
      ...WORKER_OPTIONS,
      rows: { type: 'string', multiple: true },
      runs: { type: 'string', default: '3' },
    },
  });
  if (values.worker !== undefined) {
    if (values.worker !== 'baseline' && values.worker !== 'pipeline') throw new Error('bad --worker');
    return worker(values.worker, JSON.parse(values.sim ?? '') as SimulatorInfo);
  }
  const sizes = (values.rows ?? ['100000', '1000000']).map(Number);
  const runs = Number(values.runs);
  const table: string[][] = [
    [
      'rows',
      'pipeline',
      'median s',
      'rows/s',
      'time ratio',
      'median CPU s',
      'CPU ratio',
      'peak RSS MB (max of runs)',
    ],
  ];
  for (const users of sizes) {
    const dataDir = await mkdtemp(join(tmpdir(), 'm365-bench-'));
    const { child: simulator, sim } = await spawnSimulator([
      '--seed',
      '1',
      '--users',
      String(users),
      '--data-dir',
      dataDir,
    ]);
    try {
      await measure('baseline', sim); // warm-up: the simulator builds its per-day aggregates on first use
      const results: Record<Mode, Measurement[]> = { baseline: [], pipeline: [] };
      for (let run = 0; run < runs; run += 1) {
        // Alternate so drift on a shared machine hits both alike.
        for (const mode of ['baseline', 'pipeline'] as const) results[mode].push(await measure(mode, sim));
      }
      for (const mode of ['baseline', 'pipeline'] as const) {
        const rows = results[mode][0]?.rows ?? 0;
        if (rows !== users) throw new Error(`${mode} read ${rows} rows, expected ${users}`);
        table.push([
          users.toLocaleString('en-US'),
          mode === 'baseline' ? 'baseline: download + split lines' : 'download + parse + map + aggregate',
          ...costCells(results[mode], results.baseline, rows),
        ]);
      }
    } finally {
      simulator.kill('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  console.log(formatTable(table));
  console.log(
    `\nNode ${process.version}, ${runs} runs per pipeline (median time, max peak RSS), report ${REPORT}(period='D7').`,
  );
}

await main();
