const REDACTED = '[REDACTED]';
// Matched against field names anywhere in a log line, nested objects and error properties included.
const SENSITIVE_KEY =
  /secret|token|authori[sz]ation|password|passwd|credential|private.?key|api.?key|cookie|bearer/i;
const MAX_DEPTH = 6;

/**
 * Returns a JSON-safe copy of `value` with sensitive keys masked and known secret values replaced inside strings.
 * Errors become `{name, message, ...own fields, cause}` so that their text is guarded too.
 */
export function redact(value: unknown, secrets: ReadonlySet<string>, depth = 0): unknown {
  if (typeof value === 'string') return maskSecrets(value, secrets);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets, depth + 1));
  const source = value instanceof Error ? errorFields(value) : (value as Record<string, unknown>);
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(source)) {
    if (typeof item === 'function' || item === undefined) continue;
    result[key] = SENSITIVE_KEY.test(key) && item !== null ? REDACTED : redact(item, secrets, depth + 1);
  }
  return result;
}

function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = { name: error.name, message: error.message };
  for (const [key, item] of Object.entries(error)) fields[key] = item;
  if (error.cause !== undefined) fields.cause = error.cause;
  return fields;
}

function maskSecrets(text: string, secrets: ReadonlySet<string>): string {
  let masked = text;
  for (const secret of secrets) {
    if (masked.includes(secret)) masked = masked.split(secret).join(REDACTED);
  }
  return masked;
}
