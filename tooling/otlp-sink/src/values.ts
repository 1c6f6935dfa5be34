// The strict reading of the OTLP/JSON object form: every function names the path of what it refuses.

export type ValueType = 'string' | 'bool' | 'int' | 'double' | 'bytes' | 'array' | 'kvlist' | 'empty';

/** An AnyValue decoded to plain JS: kvlist -> object, array -> array, int -> number (bigint past 2^53), empty -> null. */
export type PlainValue =
  | string
  | boolean
  | number
  | bigint
  | Uint8Array
  | null
  | PlainValue[]
  | { [key: string]: PlainValue };

export function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${path}: expected an object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

/** A message field: absent means the empty message. */
export function optionalObject(value: unknown, path: string): Record<string, unknown> {
  return value === undefined ? {} : object(value, path);
}

/** A repeated field: absent means empty. */
export function list(value: unknown, path: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${path}: expected an array, got ${JSON.stringify(value)}`);
  return value;
}

export function optionalString(value: unknown, path: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new Error(`${path}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

/** fixed64/uint64 as a decimal string: nanoseconds do not fit a JS number. '0' when unset. */
export function uint64(value: unknown, path: string): string {
  if (value === undefined) return '0';
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^\d+$/.test(text))
    throw new Error(`${path}: expected an unsigned 64-bit integer, got ${JSON.stringify(value)}`);
  return BigInt(text).toString();
}

/** An int64 as a number, or a bigint past 2^53. */
export function int64(value: unknown, path: string): number | bigint {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text))
    throw new Error(`${path}: expected a 64-bit integer, got ${JSON.stringify(value, bigintSafe)}`);
  const big = BigInt(text);
  const small = Number(big);
  return Number.isSafeInteger(small) ? small : big;
}

/** A double; the proto3 JSON mapping spells the non-finite ones as strings. */
export function double(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
  throw new Error(`${path}: expected a number, got ${JSON.stringify(value)}`);
}

export function keyValues(
  value: unknown,
  path: string,
): { values: Record<string, PlainValue>; types: Record<string, ValueType> } {
  const values: Record<string, PlainValue> = {};
  const types: Record<string, ValueType> = {};
  for (const [i, entry] of list(value, path).entries()) {
    const kv = object(entry, `${path}[${i}]`);
    if (typeof kv.key !== 'string')
      throw new Error(`${path}[${i}].key: expected a string, got ${JSON.stringify(kv.key)}`);
    if (Object.hasOwn(values, kv.key)) throw new Error(`${path}: duplicate key ${kv.key}`);
    const decoded =
      kv.value === undefined
        ? { type: 'empty' as const, value: null }
        : anyValue(kv.value, `${path}[${i}].value`);
    values[kv.key] = decoded.value;
    types[kv.key] = decoded.type;
  }
  return { values, types };
}

const ANY_VALUE_FIELDS = [
  'stringValue',
  'boolValue',
  'intValue',
  'doubleValue',
  'arrayValue',
  'kvlistValue',
  'bytesValue',
] as const;

export function anyValue(value: unknown, path: string): { type: ValueType; value: PlainValue } {
  const any = object(value, path);
  const keys = Object.keys(any);
  const unknown = keys.filter((key) => !(ANY_VALUE_FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) throw new Error(`${path}: not an AnyValue field: ${unknown.join(', ')}`);
  if (keys.length > 1) throw new Error(`${path}: more than one value of a oneof: ${keys.join(', ')}`);
  const [key] = keys;
  const field = key === undefined ? undefined : any[key];
  const fieldPath = `${path}.${key}`;
  switch (key) {
    case undefined:
      return { type: 'empty', value: null };
    case 'stringValue':
      return { type: 'string', value: requiredString(field, fieldPath) };
    case 'boolValue':
      if (typeof field !== 'boolean')
        throw new Error(`${fieldPath}: expected a boolean, got ${JSON.stringify(field)}`);
      return { type: 'bool', value: field };
    case 'intValue':
      return { type: 'int', value: int64(field, fieldPath) };
    case 'doubleValue':
      return { type: 'double', value: double(field, fieldPath) };
    case 'bytesValue':
      return {
        type: 'bytes',
        value: new Uint8Array(Buffer.from(requiredString(field, fieldPath), 'base64')),
      };
    case 'arrayValue': {
      const values = list(object(field, `${path}.arrayValue`).values, `${path}.arrayValue.values`);
      return {
        type: 'array',
        value: values.map((item, i) => anyValue(item, `${path}.arrayValue.values[${i}]`).value),
      };
    }
    case 'kvlistValue':
      return {
        type: 'kvlist',
        value: keyValues(object(field, `${path}.kvlistValue`).values, `${path}.kvlistValue.values`).values,
      };
    default:
      throw new Error(`${fieldPath}: not a known AnyValue field`);
  }
}

function requiredString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new Error(`${path}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
