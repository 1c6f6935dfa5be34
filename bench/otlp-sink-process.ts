// The test sink (tooling/otlp-sink) as a process of its own, for the audit benchmark when no Collector is built:
// prints {"url": ...} once, then its running count of log records, one number a line, as it changes.
import { startOtlpSink } from '@m365-otel/otlp-sink';

const sink = await startOtlpSink();
process.stdout.write(`${JSON.stringify({ url: sink.url })}\n`);
let received = 0;
setInterval(() => {
  // Only the count is wanted: what the sink keeps of every request is dropped, or a million records would fill
  // this process's memory.
  const fresh = sink.logRecords.splice(0).length;
  sink.requests.splice(0);
  if (fresh === 0) return;
  received += fresh;
  process.stdout.write(`${received}\n`);
}, 200);
process.once('SIGTERM', () => {
  sink.close().then(() => process.exit(0));
});
