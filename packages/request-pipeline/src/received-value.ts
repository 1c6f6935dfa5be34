const MAX_QUOTED = 60;

/**
 * What a value in one of Microsoft's bodies was, for a message saying why an item was left out: a short quote of a
 * string (cut, so a huge field cannot flood the log), or its kind.
 */
export function describeReceivedValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is absent)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return value.length > MAX_QUOTED
      ? `${JSON.stringify(value.slice(0, MAX_QUOTED))}… (${value.length} characters)`
      : JSON.stringify(value);
  }
  return String(value);
}

/** A schema's error option (zod's `{ error }`) that says what was expected and what came instead. */
export function expectedValue(what: string): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => `expected ${what}, got ${describeReceivedValue(issue.input)}` };
}

/** A field's path in a message, `value[1].posts[0].description` from a schema's `['value', 1, 'posts', 0, 'description']`. */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
