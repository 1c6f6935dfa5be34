// The OTLP receiver a collector benchmark exports to, in a process of its own: the real OpenTelemetry Collector
// (logs and metrics to its `debug` exporter) when M365_OTELCOL_BIN names one (scripts/build-otelcol.sh), else the
// test sink (otlp-sink-process.ts). Either way the benchmark reads how many log records arrived.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, listening, otelcolBinaryVariable } from '@m365-otel/otelcol';
import { exitCode, firstLine } from './support.ts';

/** Where the collector sends its telemetry, and how many log records arrived there so far. */
export interface Receiver {
  name: string;
  otlpBaseUrl: string;
  logRecords(): number;
  stop(): Promise<void>;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = exitCode(child);
  child.kill('SIGTERM');
  await exited;
}

/** The Collector named by M365_OTELCOL_BIN (its config written into `dir`), else the test sink. */
export function startReceiver(dir: string): Promise<Receiver> {
  const otelcol = process.env[otelcolBinaryVariable];
  return otelcol ? startOtelcol(otelcol, dir) : startSink();
}

/** The real Collector: OTLP/HTTP in, batched, everything to the `debug` exporter, which logs a count per batch. */
async function startOtelcol(binary: string, dir: string): Promise<Receiver> {
  const port = await freePort();
  const config = {
    receivers: { otlp: { protocols: { http: { endpoint: `127.0.0.1:${port}` } } } },
    processors: { batch: {} },
    exporters: { debug: { verbosity: 'basic', sampling_initial: 1_000_000, sampling_thereafter: 1 } },
    service: {
      // Every batch's count line is needed: the Collector's own log samples by default.
      telemetry: { metrics: { level: 'none' }, logs: { sampling: { enabled: false } } },
      pipelines: {
        logs: { receivers: ['otlp'], processors: ['batch'], exporters: ['debug'] },
        metrics: { receivers: ['otlp'], processors: ['batch'], exporters: ['debug'] },
      },
    },
  };
  const configFile = join(dir, 'otelcol.yaml');
  await writeFile(configFile, JSON.stringify(config));
  const child = spawn(binary, [`--config=${configFile}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let received = 0;
  let pending = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const count = /"otelcol\.signal": "logs".*"log records": (\d+)/.exec(line);
      if (count !== null) received += Number(count[1]);
    }
  });
  const deadline = Date.now() + 30_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('the Collector did not start');
    await sleep(100);
  }
  return {
    name: 'OpenTelemetry Collector (debug exporter)',
    otlpBaseUrl: `http://127.0.0.1:${port}`,
    logRecords: () => received,
    stop: () => stopChild(child),
  };
}

/** The test sink in a process of its own, which prints its URL and then its running count of log records. */
async function startSink(): Promise<Receiver> {
  const child = spawn(
    process.execPath,
    ['--import', '@m365-otel/source-hooks/register', join(import.meta.dirname, 'otlp-sink-process.ts')],
    { stdio: ['ignore', 'pipe', 'inherit'], cwd: import.meta.dirname },
  );
  const { url } = JSON.parse(await firstLine(child)) as { url: string };
  let received = 0;
  // Reading the first line paused the stream: the counts come after it.
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    const last = lines.at(-1);
    if (last !== undefined) received = Number(last);
  });
  child.stdout?.resume();
  return {
    name: 'tooling/otlp-sink',
    otlpBaseUrl: url,
    logRecords: () => received,
    stop: () => stopChild(child),
  };
}

/** Waits until the receiver's count stops moving: the Collector acknowledges before its batch reaches the exporter. */
export async function settledCount(receiver: Receiver): Promise<number> {
  let previous = -1;
  while (receiver.logRecords() !== previous) {
    previous = receiver.logRecords();
    await sleep(1_500);
  }
  return previous;
}
