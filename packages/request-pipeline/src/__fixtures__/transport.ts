import type { HttpRequest, HttpResponse } from '@m365-otel/http';
import { type Mock, vi } from 'vitest';
import type { PipelineRequest, TracedRequest } from '../pipeline.js';

export type Answer = { status: number; headers?: Record<string, string>; body?: string } | Error;

export interface ScriptedTransport {
  request: Mock<(url: string | URL, init?: HttpRequest) => Promise<HttpResponse>>;
  sent: Array<{ url: string; init: HttpRequest }>;
  /** Indexes of the answers whose body was dumped. */
  dumped: number[];
}

/** A transport that answers from a script, records what it was sent and whether each body was dumped. */
export function scriptedTransport(...answers: Answer[]): ScriptedTransport {
  const sent: Array<{ url: string; init: HttpRequest }> = [];
  const dumped: number[] = [];
  const request = vi.fn(async (url: string | URL, init: HttpRequest = {}): Promise<HttpResponse> => {
    const index = sent.push({ url: String(url), init }) - 1;
    const answer = answers.shift() ?? { status: 200 };
    if (answer instanceof Error) throw answer;
    return response(answer.status, answer.headers, answer.body, () => dumped.push(index));
  });
  return { request, sent, dumped };
}

export function response(
  status: number,
  headers: Record<string, string> = {},
  body = '',
  onDump: () => void = () => {},
): HttpResponse {
  const bytes = new TextEncoder().encode(body);
  return {
    status,
    headers,
    body: {
      async *[Symbol.asyncIterator]() {
        if (bytes.length > 0) yield bytes;
      },
      text: async () => body,
      json: async () => JSON.parse(body),
      dump: async () => onDump(),
    },
  };
}

export function traced(request: Partial<PipelineRequest> = {}): TracedRequest {
  return {
    url: new URL('https://graph.example/v1.0/thing?$skip=1'),
    label: 'thing',
    ...request,
    trace: { attempts: 0, tokenRefreshed: false },
  };
}

export function spyLogger(): Record<'debug' | 'info' | 'warn' | 'error', Mock> {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}
