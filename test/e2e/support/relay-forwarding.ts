import { type IncomingHttpHeaders, type IncomingMessage, request, type ServerResponse } from 'node:http';

/** The receiver's whole answer to one request a relay passed on. */
export interface ReceiverAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Passes one request, read whole into `body`, on to the receiver at `target` and resolves with its whole answer. */
export function passOn(target: URL, incoming: IncomingMessage, body: Buffer): Promise<ReceiverAnswer> {
  return new Promise((answered, failed) => {
    const forward = request(
      {
        host: target.hostname,
        port: target.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () =>
          answered({
            status: answer.statusCode ?? 502,
            headers: answer.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    forward.on('error', failed);
    forward.end(body);
  });
}

/** Hands the receiver's answer back to the sender. */
export function handBack(outgoing: ServerResponse, answer: ReceiverAnswer): void {
  outgoing.writeHead(answer.status, answer.headers);
  outgoing.end(answer.body);
}
