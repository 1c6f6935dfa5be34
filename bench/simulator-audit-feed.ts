// Benchmark: how fast the simulator serves an audit backlog, i.e. the ceiling of any audit benchmark run against it.
// The simulator runs as its own process with `--audit-records-per-blob` / `--audit-slot-minutes`; this process lists
// the last 24 hours of every content type and fetches every blob with `fetch + JSON.parse` (the baseline an audit
// pipeline is compared with), `concurrency` blobs at a time. The simulator's CPU time and peak RSS come from
// /proc/<pid> (Linux), so "records per simulator CPU second" is its one-core rate.
//
//   pnpm --filter @m365-otel/bench run bench:simulator-audit                          # 700 x 5 min: 1,008,000 records
//   pnpm --filter @m365-otel/bench run bench:simulator-audit -- --records-per-blob 100 --slot-minutes 15 --concurrency 1
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HttpClient } from '@m365-otel/http';
import { CONTENT_TYPES } from '@m365-otel/simulator';
import { formatTable, type SimulatorInfo, scriptArgs, spawnSimulator } from './support.ts';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on every Linux build this runs on). */
const CLOCK_TICKS = 100;

interface Feed {
  sim: SimulatorInfo;
  http: HttpClient;
  token: string;
}

/** User + system CPU seconds of a process, from /proc/<pid>/stat. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the whole line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Peak resident set (VmHWM) of a process in MB. */
async function peakRssMB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error('no VmHWM in /proc status');
  return Number(kb) / 1024;
}

async function connect(sim: SimulatorInfo): Promise<Feed> {
  const http = new HttpClient({ caFile: sim.caFile });
  const response = await http.request(`${sim.authorityUrl}/${sim.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      scope: `${sim.managementUrl}/.default`,
    }).toString(),
  });
  const { access_token: token } = (await response.body.json()) as { access_token: string };
  return { sim, http, token };
}

async function call(feed: Feed, url: string, method: 'GET' | 'POST' = 'GET') {
  return feed.http.request(url, { method, headers: { Authorization: `Bearer ${feed.token}` } });
}

/** Every contentUri of the last 24 hours of one content type, through NextPageUri. */
async function listDay(feed: Feed, contentType: string): Promise<string[]> {
  const base = `${feed.sim.managementUrl}/api/v1.0/${feed.sim.tenantId}/activity/feed`;
  await (await call(feed, `${base}/subscriptions/start?contentType=${contentType}`, 'POST')).body.dump();
  const uris: string[] = [];
  let url: string | undefined = `${base}/subscriptions/content?contentType=${contentType}`;
  while (url !== undefined) {
    const response = await call(feed, url);
    if (response.status !== 200) throw new Error(`listing answered ${response.status}`);
    for (const item of (await response.body.json()) as { contentUri: string }[]) uris.push(item.contentUri);
    url = response.headers.nextpageuri;
  }
  return uris;
}

/** Fetches and parses every blob, `concurrency` at a time; the records and characters of JSON they held. */
async function fetchAll(
  feed: Feed,
  uris: readonly string[],
  concurrency: number,
): Promise<{ records: number; chars: number }> {
  let next = 0;
  const total = { records: 0, chars: 0 };
  const worker = async (): Promise<void> => {
    for (let index = next++; index < uris.length; index = next++) {
      const response = await call(feed, uris[index] as string);
      if (response.status !== 200) throw new Error(`blob answered ${response.status}`);
      const text = await response.body.text();
      total.chars += text.length;
      total.records += (JSON.parse(text) as unknown[]).length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return total;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: scriptArgs(),
    options: {
      'records-per-blob': { type: 'string', default: '700' },
      'slot-minutes': { type: 'string', default: '5' },
      concurrency: { type: 'string', multiple: true },
    },
  });
  const recordsPerBlob = values['records-per-blob'];
  const slotMinutes = values['slot-minutes'];
  const concurrencies = (values.concurrency ?? ['1', '4']).map(Number);
  const dataDir = await mkdtemp(join(tmpdir(), 'm365-bench-'));
  const { child: simulator, sim } = await spawnSimulator([
    '--data-dir',
    dataDir,
    '--users',
    '1000',
    '--audit-records-per-blob',
    recordsPerBlob,
    '--audit-slot-minutes',
    slotMinutes,
  ]);
  const table: string[][] = [
    [
      'concurrency',
      'blobs',
      'records',
      'MB of JSON',
      's',
      'records/s',
      'sim CPU s',
      'records per sim CPU s',
      'client CPU s',
    ],
  ];
  let simulatorPeak = 0;
  try {
    const pid = simulator.pid;
    if (pid === undefined) throw new Error('simulator did not start');
    const feed = await connect(sim);
    const uris: string[] = [];
    for (const contentType of CONTENT_TYPES) uris.push(...(await listDay(feed, contentType)));
    // A warm-up blob per content type, so the JIT is not part of the first row.
    await fetchAll(feed, uris.slice(0, 5), 1);
    for (const concurrency of concurrencies) {
      const simCpuBefore = await cpuSeconds(pid);
      const clientCpuBefore = process.cpuUsage();
      const started = process.hrtime.bigint();
      const { records, chars } = await fetchAll(feed, uris, concurrency);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const simCpu = (await cpuSeconds(pid)) - simCpuBefore;
      const clientCpu = process.cpuUsage(clientCpuBefore);
      table.push([
        String(concurrency),
        uris.length.toLocaleString('en-US'),
        records.toLocaleString('en-US'),
        (chars / 1e6).toFixed(0),
        seconds.toFixed(2),
        Math.round(records / seconds).toLocaleString('en-US'),
        simCpu.toFixed(2),
        Math.round(records / simCpu).toLocaleString('en-US'),
        ((clientCpu.user + clientCpu.system) / 1e6).toFixed(2),
      ]);
    }
    simulatorPeak = await peakRssMB(pid);
    await feed.http.close();
  } finally {
    simulator.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(formatTable(table));
  console.log(
    `\nNode ${process.version}; backlog ${recordsPerBlob} records per blob, one blob per ${slotMinutes} min per content type, last 24 h of all five; simulator peak RSS ${simulatorPeak.toFixed(0)} MB.`,
  );
}

await main();
