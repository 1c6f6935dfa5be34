import { describe, expect, it, vi } from 'vitest';
import {
  dateTimeOffset,
  jsonObject,
  nonEmptyString,
  optionalField,
  pageItems,
  parseItems,
  problemsOf,
} from './answer-schemas.js';
import { MicrosoftApiError } from './errors.js';

class ClientError extends MicrosoftApiError {}

const ITEM = jsonObject({ id: nonEmptyString, at: dateTimeOffset, note: optionalField(nonEmptyString) });
const source = { label: 'items page 2', details: { status: 200, requestId: 'req-1' } };

describe('pageItems', () => {
  it("returns the page's value array and fails an envelope without one, in the client's error type", () => {
    expect(pageItems(source, { value: [1, 2], '@odata.nextLink': 'x' })).toEqual([1, 2]);
    const clientError = {
      ...source,
      error: (message: string, details: object) => new ClientError(message, details),
    };
    expect(() => pageItems(clientError, { value: {} })).toThrow(ClientError);
    const error = (() => {
      try {
        return pageItems(clientError, { value: {} });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({
      message: 'items page 2, value: expected an array, got an object',
      requestId: 'req-1',
    });
  });
});

describe('parseItems', () => {
  it('yields the items that validate and reports each other one with its id and problems', () => {
    const onSkipped = vi.fn();
    const items = [
      { id: 'a', at: '2024-05-01T12:00:00Z', note: null },
      { id: 'b', at: '2021-02-31T00:00:00Z' },
      null,
    ];
    const parsed = [...parseItems(source, items, { at: 'value', schema: ITEM, onSkipped })];
    expect(parsed).toEqual([
      {
        item: { id: 'a', at: '2024-05-01T12:00:00Z', note: undefined },
        at: 'value[0]',
        where: 'items page 2, value[0]',
        raw: items[0],
      },
    ]);
    expect(onSkipped.mock.calls).toEqual([
      [
        {
          where: 'items page 2, value[1]',
          id: 'b',
          problems: [
            'at: expected an ISO 8601 date-time such as 2020-11-13T21:00:00Z, got "2021-02-31T00:00:00Z"',
          ],
        },
      ],
      [{ where: 'items page 2, value[2]', id: undefined, problems: ['expected a JSON object, got null'] }],
    ]);
  });
});

describe('problemsOf', () => {
  it('names each field, and no field for the item itself', () => {
    const result = ITEM.safeParse({ at: 3 });
    expect(result.success ? [] : problemsOf(result.error)).toEqual([
      'id: expected a string, got nothing (the field is absent)',
      'at: expected an ISO 8601 date-time such as 2020-11-13T21:00:00Z, got 3',
    ]);
  });
});
