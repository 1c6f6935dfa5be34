import { describe, expect, it } from 'vitest';
import { scriptedTransport } from './__fixtures__/transport.js';
import { MicrosoftApiError } from './errors.js';
import { type JsonPagesRequest, readJson, readJsonPages } from './json-pages.js';
import { createMicrosoftApiPipeline } from './microsoft-api-pipeline.js';

const JSON_TYPE = { 'content-type': 'application/json; odata.metadata=minimal', 'request-id': 'req-1' };

function pipelineOver(transport: ReturnType<typeof scriptedTransport>) {
  return createMicrosoftApiPipeline({
    baseUrl: 'https://graph.example',
    service: 'Graph',
    api: 'graph.directory',
    http: transport,
    getAccessToken: async () => 'token',
    random: () => 0,
    sleep: async () => {},
  });
}

function list(overrides: Partial<JsonPagesRequest> = {}): JsonPagesRequest {
  return {
    url: new URL('https://graph.example/v1.0/applications?$select=id'),
    label: 'applications',
    answeredBy: 'Graph',
    origin: 'https://graph.example',
    nextLinkProperty: '@odata.nextLink',
    ...overrides,
  };
}

async function collect(transport: ReturnType<typeof scriptedTransport>, request = list()) {
  const pages = [];
  for await (const page of readJsonPages(pipelineOver(transport), request)) pages.push(page);
  return pages;
}

async function failure(transport: ReturnType<typeof scriptedTransport>, request = list()) {
  try {
    await collect(transport, request);
  } catch (error) {
    return error as MicrosoftApiError;
  }
  throw new Error('the list did not fail');
}

describe('readJsonPages', () => {
  it('follows the next link to the last page, labelling each page and keeping its request ids', async () => {
    const transport = scriptedTransport(
      {
        status: 200,
        headers: JSON_TYPE,
        body: JSON.stringify({
          value: [1],
          '@odata.nextLink': 'https://graph.example/v1.0/applications?$skiptoken=a',
        }),
      },
      {
        status: 200,
        headers: JSON_TYPE,
        body: JSON.stringify({ value: [2], '@odata.nextLink': '/v1.0/applications?$skiptoken=b' }),
      },
      { status: 200, headers: JSON_TYPE, body: JSON.stringify({ value: [3], '@odata.nextLink': null }) },
    );
    const pages = await collect(transport);
    expect(pages.map(({ json, label, pageNumber }) => ({ json, label, pageNumber }))).toEqual([
      {
        json: { value: [1], '@odata.nextLink': 'https://graph.example/v1.0/applications?$skiptoken=a' },
        label: 'applications page 1',
        pageNumber: 1,
      },
      {
        json: { value: [2], '@odata.nextLink': '/v1.0/applications?$skiptoken=b' },
        label: 'applications page 2',
        pageNumber: 2,
      },
      { json: { value: [3], '@odata.nextLink': null }, label: 'applications page 3', pageNumber: 3 },
    ]);
    expect(pages[0]?.details).toMatchObject({ status: 200, requestId: 'req-1' });
    expect(transport.sent.map(({ url }) => url)).toEqual([
      'https://graph.example/v1.0/applications?$select=id',
      'https://graph.example/v1.0/applications?$skiptoken=a',
      'https://graph.example/v1.0/applications?$skiptoken=b',
    ]);
    expect(transport.sent[1]?.init.headers).toMatchObject({
      accept: 'application/json',
      authorization: 'Bearer token',
    });
  });

  it("reads Azure Resource Manager's nextLink when told to", async () => {
    const transport = scriptedTransport(
      {
        status: 200,
        headers: JSON_TYPE,
        body: JSON.stringify({ value: [], nextLink: 'https://graph.example/next' }),
      },
      { status: 200, headers: JSON_TYPE, body: JSON.stringify({ value: [] }) },
    );
    expect(
      await collect(transport, list({ nextLinkProperty: 'nextLink', answeredBy: 'Azure Resource Manager' })),
    ).toHaveLength(2);
  });

  it('asks for the next page only when the caller wants it', async () => {
    const transport = scriptedTransport({
      status: 200,
      headers: JSON_TYPE,
      body: JSON.stringify({ value: [], '@odata.nextLink': 'https://graph.example/next' }),
    });
    for await (const page of readJsonPages(pipelineOver(transport), list())) {
      expect(page.pageNumber).toBe(1);
      break;
    }
    expect(transport.sent).toHaveLength(1);
  });

  it('refuses a next link off the origin, so the token never leaves it', async () => {
    const transport = scriptedTransport({
      status: 200,
      headers: JSON_TYPE,
      body: JSON.stringify({
        value: [],
        '@odata.nextLink': 'https://evil.example/v1.0/applications?sig=SECRET',
      }),
    });
    const error = await failure(transport);
    expect(error.message).toBe(
      'applications page 1: refusing to follow @odata.nextLink to https://evil.example/v1.0/applications: it is not on the Graph origin https://graph.example, and the access token is only ever sent to Graph',
    );
    expect(transport.sent).toHaveLength(1);
  });

  it('refuses a next link back to a page already read', async () => {
    const transport = scriptedTransport(
      { status: 200, headers: JSON_TYPE, body: JSON.stringify({ value: [], '@odata.nextLink': '/v1.0/b' }) },
      {
        status: 200,
        headers: JSON_TYPE,
        body: JSON.stringify({ value: [], '@odata.nextLink': '/v1.0/applications?$select=id' }),
      },
    );
    expect((await failure(transport)).message).toBe(
      'applications page 2: @odata.nextLink points back to a page already read (https://graph.example/v1.0/applications); stopping instead of looping',
    );
  });

  it('fails on a next link that is not a string rather than lose the pages after it', async () => {
    const transport = scriptedTransport({
      status: 200,
      headers: JSON_TYPE,
      body: JSON.stringify({ value: [], '@odata.nextLink': 5 }),
    });
    const error = await failure(transport);
    expect(error.message).toBe('applications page 1: @odata.nextLink is not a URL string');
    expect(error.requestId).toBe('req-1');
  });

  it("raises the client's own error type for a malformed answer", async () => {
    class DirectoryError extends MicrosoftApiError {}
    const transport = scriptedTransport({ status: 200, headers: JSON_TYPE, body: '{"value": [' });
    const error = await failure(
      transport,
      list({ error: (message, details) => new DirectoryError(message, details) }),
    );
    expect(error).toBeInstanceOf(DirectoryError);
    expect(error.message).toMatch(/^applications page 1: Graph's answer is not valid JSON: /);
  });
});

describe('readJson', () => {
  it('refuses an answer that is not JSON, such as a proxy page', async () => {
    const transport = scriptedTransport({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html>',
    });
    await expect(
      readJson(pipelineOver(transport), {
        url: new URL('https://graph.example/v1.0/organization'),
        label: 'organization',
        answeredBy: 'Graph',
      }),
    ).rejects.toThrow('organization: expected a JSON answer from Graph, got content-type text/html');
  });
});
