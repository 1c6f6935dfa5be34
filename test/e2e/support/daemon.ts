import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@m365-otel/otelcol';

/** A backend process owned by one test file. */
export interface Daemon {
  /** Everything the process wrote to stderr so far, for failure messages. */
  stderr(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts `binary` and resolves once `ready` says so; rejects with the process' stderr when it exits first or is not
 * ready within 30 s, so a failing start shows why. `env` is added to the test process' environment.
 */
export async function startDaemon(
  name: string,
  binary: string,
  args: string[],
  ready: () => Promise<boolean>,
  env: Record<string, string> = {},
): Promise<Daemon> {
  const child: ChildProcess = spawn(binary, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const daemon: Daemon = {
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited early (${child.exitCode}): ${stderr}`);
    if (await ready().catch(() => false)) return daemon;
    if (Date.now() > deadline) {
      await daemon.stop();
      throw new Error(`${name} did not become ready: ${stderr}`);
    }
    await sleep(100);
  }
}

/** Starts tried per daemon: a port chosen free may be taken by another process before the daemon binds it. */
const BIND_ATTEMPTS = 3;

/**
 * Runs `start` with `count` free loopback ports, and again with fresh ones when the daemon could not bind one of
 * them (the test files start their backends side by side), at most three times.
 */
export async function onFreePorts<T>(count: number, start: (ports: number[]) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const ports: number[] = [];
    for (let index = 0; index < count; index++) ports.push(await freePort());
    try {
      return await start(ports);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= BIND_ATTEMPTS || !/address already in use/i.test(message)) throw error;
    }
  }
}
