import type { EnumDefinition } from '@m365-otel/request-pipeline';
import { describe, expect, it, vi } from 'vitest';
import { DOC_ISSUE, DOC_MESSAGE } from './__fixtures__/graph-docs.js';
import { isServiceHealthStatus, SERVICE_HEALTH_STATUSES } from './enums.js';
import { ServiceHealthError } from './errors.js';
import { ISSUE, MESSAGE, type ParseContext, parseEntity, parsePage, type SkippedItem } from './parse.js';

function context(label = 'issues page 1') {
  const onUnknownEnum = vi.fn((_definition: EnumDefinition, _value: string, _where: string) => {});
  const onSkippedItem = vi.fn((_item: SkippedItem) => {});
  const result: ParseContext = {
    label,
    details: { requestId: 'req-1', status: 200 },
    onUnknownEnum,
    onSkippedItem,
  };
  return { ...result, onUnknownEnum, onSkippedItem };
}

const issue = (): Record<string, unknown> => JSON.parse(DOC_ISSUE);
const message = (): Record<string, unknown> => JSON.parse(DOC_MESSAGE);

/** Parses a page of a good issue and the mutated one; returns the problems reported for the skipped one. */
function issueProblem(mutate: (item: Record<string, unknown>) => void): string {
  const item = issue();
  mutate(item);
  const ctx = context();
  const page = parsePage(ctx, { value: [issue(), item] }, ISSUE);
  expect(page).toHaveLength(1);
  expect(ctx.onSkippedItem).toHaveBeenCalledTimes(1);
  const [skipped] = ctx.onSkippedItem.mock.calls[0] ?? [];
  expect(skipped?.where).toBe('issues page 1, value[1]');
  return (skipped?.problems ?? []).join('; ');
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
  it('returns the items, whatever else the envelope holds', () => {
    const items = parsePage(context(), { value: [issue()], '@odata.nextLink': 'https://x/y?$skip=1' }, ISSUE);
    expect(items.map((item) => item.id)).toEqual(['EX226792']);
  });

  it('leaves out an item lacking a required field or with a field of the wrong type, naming each problem', () => {
    const cases: Array<[(item: Record<string, unknown>) => void, string]> = [
      [(item) => delete item.id, 'id: expected a string, got nothing (the field is absent)'],
      [(item) => (item.service = ' '), 'service: expected a non-empty string, got " "'],
      [(item) => (item.title = ['a']), 'title: expected a string, got an array'],
      [(item) => (item.feature = 3), 'feature: expected a string or null, got 3'],
      [(item) => (item.isResolved = 'true'), 'isResolved: expected true or false, got "true"'],
      [(item) => (item.status = 42), 'status: expected a string, got 42'],
      [
        (item) => (item.classification = ''),
        'classification: expected a non-empty serviceHealthClassificationType value, got ""',
      ],
      [
        (item) => (item.startDateTime = '2020-11-13T21:00:00'),
        'startDateTime: expected an ISO 8601 date-time such as 2020-11-13T21:00:00Z, got "2020-11-13T21:00:00"',
      ],
      [
        (item) => (item.lastModifiedDateTime = '2021-02-30T00:00:00Z'),
        'lastModifiedDateTime: expected an ISO 8601 date-time such as 2020-11-13T21:00:00Z, got "2021-02-30T00:00:00Z"',
      ],
      [
        (item) => (item.endDateTime = 0),
        'endDateTime: expected an ISO 8601 date-time such as 2020-11-13T21:00:00Z or null, got 0',
      ],
      [(item) => (item.posts = {}), 'posts: expected an array, got an object'],
      [
        (item) => (post(item).description = { contentType: 'html', content: 1 }),
        'posts[0].description.content: expected a string, got 1',
      ],
      [(item) => (post(item).postType = true), 'posts[0].postType: expected a string, got true'],
      [
        (item) => (item.details = [{ name: 'NotifyInApp', value: null }]),
        'details[0].value: expected a string, got null',
      ],
      [
        (item) => (item.impactDescription = { text: 'x' }),
        'impactDescription: expected a string, got an object',
      ],
      [
        (item) => {
          delete item.id;
          delete item.status;
        },
        'id: expected a string, got nothing (the field is absent); status: expected a string, got nothing (the field is absent)',
      ],
    ];
    for (const [mutate, expected] of cases) expect(issueProblem(mutate)).toBe(expected);
  });

  it('gives an absent or null descriptive field its default, and uses the item', () => {
    const ctx = context();
    const bare = issue();
    for (const field of ['details', 'posts', 'title', 'impactDescription']) delete bare[field];
    const nulls = { ...issue(), id: 'EX2', details: null, posts: null, title: null };
    const withoutDescription = issue();
    delete post(withoutDescription).description;
    const page = parsePage(ctx, { value: [bare, nulls, { ...withoutDescription, id: 'EX3' }] }, ISSUE);
    expect(ctx.onSkippedItem).not.toHaveBeenCalled();
    expect(page.map(({ id, details, posts, title }) => ({ id, details, posts, title }))).toMatchObject([
      { id: 'EX226792', details: [], posts: [], title: '' },
      { id: 'EX2', details: [], posts: [], title: '' },
      { id: 'EX3', details: [{ name: 'NotifyInApp', value: 'True' }], title: expect.any(String) },
    ]);
    expect(page[0]?.impactDescription).toBe('');
    expect(page[2]?.posts[0]).toMatchObject({ contentType: 'text', content: '' });
  });

  it('names the id of a skipped item when it has one, and ignores fields it does not know', () => {
    const ctx = context();
    const page = parsePage(
      ctx,
      {
        value: [
          { ...issue(), isResolved: null },
          { ...issue(), id: 'EX2', futureField: { x: 1 } },
        ],
      },
      ISSUE,
    );
    expect(page.map((item) => item.id)).toEqual(['EX2']);
    expect(ctx.onSkippedItem.mock.calls).toEqual([
      [
        {
          where: 'issues page 1, value[0]',
          id: 'EX226792',
          problems: ['isResolved: expected true or false, got null'],
        },
      ],
    ]);
  });

  it('cuts long values short in messages', () => {
    const long = 'x'.repeat(100);
    expect(issueProblem((item) => (item.isResolved = long))).toBe(
      `isResolved: expected true or false, got ${JSON.stringify('x'.repeat(60))}… (100 characters)`,
    );
  });

  it('accepts absent nullable fields as null (OData may omit nulls)', () => {
    const item = issue();
    delete item.feature;
    delete item.featureGroup;
    delete item.endDateTime;
    const [parsed] = parsePage(context(), { value: [item] }, ISSUE);
    expect(parsed).toMatchObject({ feature: null, featureGroup: null, endDateTime: null });
  });

  it('fails the page when its envelope is wrong', () => {
    const problem = (body: unknown) => {
      try {
        parsePage(context('messages page 3'), body, MESSAGE);
      } catch (error) {
        expect(error).toBeInstanceOf(ServiceHealthError);
        expect((error as ServiceHealthError).requestId).toBe('req-1');
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(problem([])).toBe('messages page 3: expected a JSON object, got an array');
    expect(problem({})).toBe('messages page 3, value: expected an array, got nothing (the field is absent)');
  });

  it('leaves out a message with a malformed field', () => {
    const ctx = context('messages page 3');
    const items = [
      { ...message(), id: 'MC1', services: ['Exchange Online', 1] },
      { ...message(), id: 'MC2', isMajorChange: 'yes' },
      { ...message(), id: 'MC3', body: 'text' },
      { ...message(), id: 'MC4', isMajorChange: null, tags: null },
    ];
    const page = parsePage(ctx, { value: items }, MESSAGE);
    expect(page.map((item) => [item.id, item.isMajorChange, item.tags])).toEqual([['MC4', false, []]]);
    expect(ctx.onSkippedItem.mock.calls.map(([item]) => item.problems)).toEqual([
      ['services[1]: expected a string, got 1'],
      ['isMajorChange: expected true or false, got "yes"'],
      ['body: expected a JSON object, got "text"'],
    ]);
  });

  it('fails a single entity on a missing required field, naming it', () => {
    const item = issue();
    delete item.status;
    expect(() => parseEntity(context('issue EX226792'), item, ISSUE)).toThrow(
      'issue EX226792, status: expected a string, got nothing (the field is absent)',
    );
  });

  it('reports unknown enum values with where they were found, keeping them as sent', () => {
    const ctx = context('messages page 1');
    const [parsed] = parsePage(
      ctx,
      { value: [{ ...message(), severity: 'Catastrophic', body: { contentType: 'Markdown', content: '' } }] },
      MESSAGE,
    );
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
      ISSUE,
    );
    expect(parsed?.status).toEqual({ value: 'serviceDegradation', known: true });
    expect(parsed?.origin).toEqual({ value: 'thirdParty', known: true });
    expect(parsed?.classification).toEqual({ value: 'advisory', known: true });
  });
});
