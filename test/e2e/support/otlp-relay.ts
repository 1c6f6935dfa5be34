import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handBack, passOn } from './relay-forwarding.js';

/** What a relay saw of one OTLP/HTTP log export. */
export type ExportStep = 'received' | 'acknowledged';

/**
 * A plain OTLP/HTTP relay on loopback in front of a receiver, which tells when a log export arrived whole
 * (`received`, before it is passed on) and when the receiver's answer is handed back (`acknowledged`): the moments
 * a test can stop the exporting process between sending a batch and hearing that it was kept.
 */
export interface OtlpRelay {
  /** Base URL to export to instead of the receiver's. */
  url: string;
  /** Called for every log export at each step; replaced by each call. */
  onLogExport(listener: ((step: ExportStep) => void) | undefined): void;
  close(): Promise<void>;
}

export async function startOtlpRelay(targetBaseUrl: string): Promise<OtlpRelay> {
  const target = new URL(targetBaseUrl);
  let listener: ((step: ExportStep) => void) | undefined;
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const isLogs = incoming.url === '/v1/logs';
      if (isLogs) listener?.('received');
      // Passed on even when the sender is gone by now: the receiver keeps what reached it, as on a real network.
      passOn(target, incoming, Buffer.concat(chunks)).then(
        (answer) => {
          handBack(outgoing, answer);
          if (isLogs) listener?.('acknowledged');
        },
        (error: Error) => outgoing.destroy(error),
      );
    });
    // A sender killed mid-request leaves a broken socket behind: nothing to pass on.
    incoming.on('error', () => outgoing.destroy());
    outgoing.on('error', () => {});
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    onLogExport(next) {
      listener = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}
