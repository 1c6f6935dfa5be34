import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handBack, passOn } from './relay-forwarding.js';

/**
 * How the backend behind the relay behaves:
 * - `up`: every request is passed on to the receiver and its answer handed back;
 * - `refusing`: nothing listens on the port (connections are refused);
 * - `failing`: every request is answered with `status` and never reaches the receiver;
 * - `hanging`: every request is read and never answered (nor passed on);
 * - `slow`: every request is passed on and its answer handed back after `delayMs`.
 */
export type BackendMode =
  | { kind: 'up' }
  | { kind: 'refusing' }
  | { kind: 'failing'; status: number }
  | { kind: 'hanging' }
  | { kind: 'slow'; delayMs: number };

/** An OTLP/HTTP relay on loopback in front of a receiver, whose behaviour a test switches to fake an outage. */
export interface OtlpFaultRelay {
  /** Base URL to export to instead of the receiver's; the same in every mode. */
  url: string;
  /** Requests that reached the relay while it was listening, per path (`/v1/logs`, `/v1/metrics`). */
  requests(path: string): number;
  setMode(mode: BackendMode): Promise<void>;
  close(): Promise<void>;
}

export async function startOtlpFaultRelay(targetBaseUrl: string): Promise<OtlpFaultRelay> {
  const target = new URL(targetBaseUrl);
  let mode: BackendMode = { kind: 'up' };
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const path = incoming.url ?? '';
      counts.set(path, (counts.get(path) ?? 0) + 1);
      const current = mode;
      if (current.kind === 'hanging') return;
      if (current.kind === 'failing') {
        outgoing.writeHead(current.status, { 'content-type': 'text/plain' });
        outgoing.end('the backend is failing');
        return;
      }
      passOn(target, incoming, Buffer.concat(chunks)).then(
        (answer) => {
          if (current.kind === 'slow') setTimeout(() => handBack(outgoing, answer), current.delayMs);
          else handBack(outgoing, answer);
        },
        (error: Error) => outgoing.destroy(error),
      );
    });
    incoming.on('error', () => outgoing.destroy());
    outgoing.on('error', () => {});
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (port: number) =>
    new Promise<void>((ready, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', fail);
        ready();
      });
    });
  const stopListening = () =>
    new Promise<void>((closed) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => closed());
    });
  await listen(0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: (path) => counts.get(path) ?? 0,
    async setMode(next) {
      // Going down cuts every connection, as a stopped backend does; otherwise requests under way finish as they
      // began (a hanging one ends at the sender's timeout), so no answer to a delivered request is lost.
      if (next.kind === 'refusing' && server.listening) await stopListening();
      if (next.kind !== 'refusing' && !server.listening) await listen(port);
      mode = next;
    },
    async close() {
      if (server.listening) await stopListening();
    },
  };
}
