import { describe, expect, it, vi } from 'vitest';
import { DOC_ISSUE, DOC_MESSAGE } from './__fixtures__/graph-docs.js';
import { type EnumDefinition, isServiceHealthStatus, SERVICE_HEALTH_STATUSES } from './enums.js';
import { ServiceHealthError } from './errors.js';
import { type ParseContext, parseIssue, parseMessage, parsePage } from './parse.js';

function context(label = 'issues page 1') {
  const onUnknownEnum = vi.fn((_definition: EnumDefinition, _value: string, _where: string) => {});
  const result: ParseContext = { label, details: { requestId: 'req-1', status: 200 }, onUnknownEnum };
  return { ...result, onUnknownEnum };
}

const issue = (): Record<string, unknown> => JSON.parse(DOC_ISSUE);
const message = (): Record<string, unknown> => JSON.parse(DOC_MESSAGE);

function issueProblem(mutate: (item: Record<string, unknown>) => void): string {
  const item = issue();
  mutate(item);
  try {
    parsePage(context(), { value: [issue(), item] }, parseIssue);
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceHealthError);
    expect((error as ServiceHealthError).requestId).toBe('req-1');
    return (error as Error).message;
  }
  throw new Error('expected a validation error');
}

const post = (item: Record<string, unknown>) => (item.posts as Array<Record<string, unknown>>)[0] ?? {};

describe('service health enums', () => {
  it('lists the 18 statuses of the v1.0 enum in documentation order', () => {
    expect(SERVICE_HEALTH_STATUSES).toHaveLength(18);
    expect(SERVICE_HEALTH_STATUSES[0]).toBe('serviceOperational');
    expect(SERVICE_HEALTH_STATUSES[17]).toBe('unknownFutureValue');
    expect(isServiceHealthStatus('serviceDegradation')).toBe(true);
    expect(isServiceHealthStatus('ServiceDegradation')).toBe(false);
  });
});

describe('parsePage', () => {
  it('returns the items and the nextLink', () => {
    const page = parsePage(
      context(),
      { value: [issue()], '@odata.nextLink': 'https://x/y?$skip=1' },
      parseIssue,
    );
    expect(page.items.map((item) => item.id)).toEqual(['EX226792']);
    expect(page.nextLink).toBe('https://x/y?$skip=1');
  });

  it('names the page, the item and the field of every problem', () => {
    const cases: Array<[(item: Record<string, unknown>) => void, string]> = [
      [(item) => delete item.id, 'value[1].id: expected a string, got nothing (the field is absent)'],
      [(item) => (item.service = ' '), 'value[1].service: expected a non-empty string, got " "'],
      [(item) => (item.title = ['a']), 'value[1].title: expected a string, got an array'],
      [(item) => (item.feature = 3), 'value[1].feature: expected a string or null, got 3'],
      [(item) => (item.isResolved = 'true'), 'value[1].isResolved: expected true or false, got "true"'],
      [(item) => (item.status = 42), 'value[1].status: expected a string, got 42'],
      [
        (item) => (item.classification = ''),
        'value[1].classification: expected a non-empty serviceHealthClassificationType value, got ""',
      ],
      [
        (item) => (item.startDateTime = '2020-11-13T21:00:00'),
        'value[1].startDateTime: expected an ISO 8601 date-time such as 2020-11-13T21:00:00Z, got "2020-11-13T21:00:00"',
      ],
      [
        (item) => (item.lastModifiedDateTime = '2021-02-30T00:00:00Z'),
        'value[1].lastModifiedDateTime: expected an ISO 8601 date-time such as 2020-11-13T21:00:00Z, got "2021-02-30T00:00:00Z"',
      ],
      [
        (item) => (item.endDateTime = 0),
        'value[1].endDateTime: expected an ISO 8601 date-time such as 2020-11-13T21:00:00Z or null, got 0',
      ],
      [(item) => (item.posts = null), 'value[1].posts: expected an array, got null'],
      [
        (item) => delete post(item).description,
        'value[1].posts[0].description: expected a JSON object, got nothing (the field is absent)',
      ],
      [
        (item) => (post(item).description = { contentType: 'html', content: 1 }),
        'value[1].posts[0].description.content: expected a string, got 1',
      ],
      [(item) => (post(item).postType = true), 'value[1].posts[0].postType: expected a string, got true'],
      [
        (item) => (item.details = [{ name: 'NotifyInApp', value: null }]),
        'value[1].details[0].value: expected a string, got null',
      ],
      [
        (item) => (item.impactDescription = { text: 'x' }),
        'value[1].impactDescription: expected a string, got an object',
      ],
    ];
    for (const [mutate, expected] of cases) {
      expect(issueProblem(mutate)).toBe(`issues page 1, ${expected}`);
    }
  });

  it('cuts long values short in messages', () => {
    const long = 'x'.repeat(100);
    expect(issueProblem((item) => (item.isResolved = long))).toBe(
      `issues page 1, value[1].isResolved: expected true or false, got ${JSON.stringify('x'.repeat(60))}… (100 characters)`,
    );
  });

  it('accepts absent nullable fields as null (OData may omit nulls)', () => {
    const item = issue();
    delete item.feature;
    delete item.featureGroup;
    delete item.endDateTime;
    const [parsed] = parsePage(context(), { value: [item] }, parseIssue).items;
    expect(parsed).toMatchObject({ feature: null, featureGroup: null, endDateTime: null });
  });

  it('checks the envelope', () => {
    const problem = (body: unknown) => {
      try {
        parsePage(context('messages page 3'), body, parseMessage);
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(problem([])).toBe('messages page 3: expected a JSON object, got an array');
    expect(problem({})).toBe('messages page 3, value: expected an array, got nothing (the field is absent)');
    expect(problem({ value: [], '@odata.nextLink': 5 })).toBe(
      'messages page 3, @odata.nextLink: expected a string, got 5',
    );
    expect(problem({ value: [{ ...message(), services: ['Exchange Online', 1] }] })).toBe(
      'messages page 3, value[0].services[1]: expected a string, got 1',
    );
    expect(problem({ value: [{ ...message(), isMajorChange: null }] })).toBe(
      'messages page 3, value[0].isMajorChange: expected true or false, got null',
    );
    expect(problem({ value: [{ ...message(), body: 'text' }] })).toBe(
      'messages page 3, value[0].body: expected a JSON object, got "text"',
    );
  });

  it('reports unknown enum values with where they were found, keeping them as sent', () => {
    const ctx = context('messages page 1');
    const [parsed] = parsePage(
      ctx,
      { value: [{ ...message(), severity: 'Catastrophic', body: { contentType: 'Markdown', content: '' } }] },
      parseMessage,
    ).items;
    expect(parsed?.severity).toEqual({ value: 'Catastrophic', known: false });
    expect(parsed?.bodyContentType).toBe('Markdown');
    expect(
      ctx.onUnknownEnum.mock.calls.map(([definition, value, where]) => [definition.name, value, where]),
    ).toEqual([
      ['serviceUpdateSeverity', 'Catastrophic', 'messages page 1, value[0].severity'],
      ['bodyType', 'Markdown', 'messages page 1, value[0].body.contentType'],
    ]);
  });

  it('accepts any letter case for known enum values', () => {
    const [parsed] = parsePage(
      context(),
      {
        value: [
          { ...issue(), status: 'SERVICEDEGRADATION', origin: 'ThirdParty', classification: 'advisory' },
        ],
      },
      parseIssue,
    ).items;
    expect(parsed?.status).toEqual({ value: 'serviceDegradation', known: true });
    expect(parsed?.origin).toEqual({ value: 'thirdParty', known: true });
    expect(parsed?.classification).toEqual({ value: 'advisory', known: true });
  });
});
