#!/usr/bin/env node
import { EXIT } from './exit-codes.js';
import { main } from './main.js';

// The only module that touches process globals; main() stays testable with injected argv, env and output.
const stop = new AbortController();
let signals = 0;
const onSignal = (signal: NodeJS.Signals) => {
  signals += 1;
  // A second signal means the operator will not wait for the graceful shutdown.
  if (signals > 1) process.exit(EXIT.failed);
  stop.abort(new Error(`received ${signal}`));
};
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);
// `m365-otel demo | head` closes stdout early; that is the reader's choice, not a failure worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

try {
  process.exitCode = await main(process.argv.slice(2), {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stop: stop.signal,
  });
} catch (error) {
  // main() handles every expected failure; this is a bug, reported without the stack's noise on one JSON line.
  process.stderr.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'unexpected failure', error: String(error) })}\n`,
  );
  process.exitCode = EXIT.failed;
}
process.off('SIGTERM', onSignal);
process.off('SIGINT', onSignal);
// main() has returned and stops waiting for anything on shutdown, but a file-system call that never settles (a hung
// mount) still keeps Node's event loop alive. An unref'd timer does not: normally the process exits at once.
setTimeout(() => process.exit(), 5_000).unref();
