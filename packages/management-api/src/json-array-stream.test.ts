import { describe, expect, it } from 'vitest';
import {
  type ArrayElement,
  type ArrayValue,
  JsonArrayStreamError,
  jsonArrayElements,
  jsonArrayValues,
} from './json-array-stream.js';

async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function elements(text: string, size = 3, max = 1024): Promise<ArrayElement[]> {
  const result: ArrayElement[] = [];
  for await (const elements of jsonArrayElements(chunks(text, size), max)) result.push(...elements);
  return result;
}

describe('jsonArrayElements', () => {
  const records = [
    { Id: 'a', Operation: 'MailItemsAccessed', Items: [{ x: '],}{"\\' }], Name: 'Zoë ✓ 中' },
    { Id: 'b', nested: { deep: [[1, 2], { k: null }] } },
    { Id: 'c', path: 'C:\\\\share\\', quoted: '\\"[x]\\', empty: '' },
    'text, with ] inside',
    42,
    true,
  ];
  const text = `\uFEFF \n${JSON.stringify(records, null, 2)}\n`;

  it.each([1, 2, 7, 4096])(
    'yields each element as its own text, whatever the chunking (%i bytes)',
    async (size) => {
      const result = await elements(text, size);
      expect(result.map((element) => JSON.parse(element.text ?? 'null'))).toEqual(records);
      expect(result.map((element) => element.index)).toEqual([0, 1, 2, 3, 4, 5]);
    },
  );

  it('reads an empty array, and hands a malformed element on for JSON.parse to refuse', async () => {
    expect(await elements(' [ ] ')).toEqual([]);
    const result = await elements('[{"Id":"a"},{"Id": nope},{"Id":"c"}]');
    expect(result.map((element) => element.text)).toEqual(['{"Id":"a"}', '{"Id": nope}', '{"Id":"c"}']);
  });

  it('does not buffer an element beyond the bound, and says how large it was', async () => {
    const big = JSON.stringify({ Id: 'big', data: 'x'.repeat(5000) });
    const result = await elements(`[{"Id":"a"},${big},{"Id":"c"}]`, 64, 1000);
    expect(result).toEqual([
      { index: 0, text: '{"Id":"a"}' },
      { index: 1, text: undefined, tooLargeBytes: big.length },
      { index: 2, text: '{"Id":"c"}' },
    ]);
  });

  it.each([
    ['{"error":{"code":"AF20051"}}', 'expected a JSON array, got "{"'],
    ['', 'expected a JSON array, got an empty body'],
    ['[{"Id":"a"},{"Id":"b"', 'the array broke off in element 1'],
    ['[{"Id":"a"},]', 'expected element 1, got "]"'],
    ['[{"Id":"a"}}]', 'unbalanced } in element 0'],
    ['[1] x', 'unexpected "x" after the end of the array'],
  ])('refuses a body that is not one well-formed array: %s', async (body, message) => {
    await expect(elements(body)).rejects.toThrow(new JsonArrayStreamError(message));
  });
});

describe('jsonArrayValues', () => {
  async function batches(text: string, size: number, max: number): Promise<ArrayValue[][]> {
    const result: ArrayValue[][] = [];
    for await (const batch of jsonArrayValues(chunks(text, size), max)) result.push(batch);
    return result;
  }
  const records = [{ Id: 'a', Name: 'Zoë ✓ 中' }, { Id: 'b', Items: [1, { k: null }] }, { Id: 'c' }];

  it('parses a body within the bound whole, in one batch, with each element’s index', async () => {
    const text = JSON.stringify(records);
    expect(await batches(text, 5, 1024)).toEqual([records.map((value, index) => ({ index, value }))]);
    expect(await batches('[]', 1, 1024)).toEqual([]);
  });

  it('reads a longer body element by element, as chunks complete them, keeping none over the bound', async () => {
    const text = JSON.stringify([...records, { Id: 'd', Text: 'x'.repeat(100) }]);
    const result = await batches(text, 16, 40);
    expect(result.length).toBeGreaterThan(1);
    expect(result.flat()).toEqual([
      ...records.map((value, index) => ({ index, value })),
      { index: 3, tooLargeBytes: 120 },
    ]);
  });

  it('costs a malformed element only itself, and still reads a byte order mark', async () => {
    const text = '\uFEFF[{"Id":"a"},{"Id": nope},{"Id":"c"}]';
    const [first, second, third] = (await batches(text, 4, 1024)).flat();
    expect(first).toEqual({ index: 0, value: { Id: 'a' } });
    expect(second).toMatchObject({ index: 1, invalidJson: expect.stringMatching(/JSON/) });
    expect(third).toEqual({ index: 2, value: { Id: 'c' } });
    expect((await batches('\uFEFF[{"Id":"a"}]', 3, 1024)).flat()).toEqual([{ index: 0, value: { Id: 'a' } }]);
  });

  it('says why a body that is not an array cannot be read, whole or not', async () => {
    await expect(batches('{"error":{"code":"AF50000"}}', 4, 1024)).rejects.toThrow(
      new JsonArrayStreamError('expected a JSON array, got "{"'),
    );
    await expect(batches('[{"Id":"a"},{"Id":"b"', 4, 1024)).rejects.toThrow(JsonArrayStreamError);
  });

  it('closes the stream when the reader stops early', async () => {
    let closed = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        yield new TextEncoder().encode('[{"Id":"a"},');
        for (;;) yield new TextEncoder().encode('{"Id":"b"},');
      } finally {
        closed = true;
      }
    }
    for await (const batch of jsonArrayValues(endless(), 64)) {
      expect(batch[0]).toEqual({ index: 0, value: { Id: 'a' } });
      break;
    }
    expect(closed).toBe(true);
  });
});
