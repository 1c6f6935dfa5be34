/**
 * What a tenant's service-health poll remembers between runs: the version of every issue and message it has
 * announced (or taken as the baseline on the first run). Stored under `<tenant id>/service-health` as
 * `{ "initialized": true, "issues": { id: version }, "messages": { id: version } }`. Only items still listed by
 * Microsoft are kept, so the file does not grow with the tenant's history.
 */
export interface ServiceHealthState {
  issues: ReadonlyMap<string, string>;
  messages: ReadonlyMap<string, string>;
}

export function serviceHealthStateKey(tenantId: string): string {
  return `${tenantId}/service-health`;
}

/** undefined = nothing stored yet (the first run). Throws a precise error for anything the collector did not write. */
export function parseServiceHealthState(value: unknown, key: string): ServiceHealthState | undefined {
  if (value === undefined) return undefined;
  const fail = (reason: string): never => {
    throw new Error(
      `state ${key}: ${reason}; expected {"initialized": true, "issues": {id: version}, "messages": {id: version}}`,
    );
  };
  if (!isRecord(value)) return fail('not a JSON object');
  if (value.initialized !== true) return fail('"initialized" is not true');
  const versions = (field: 'issues' | 'messages'): Map<string, string> => {
    const raw = value[field];
    if (!isRecord(raw)) return fail(`"${field}" is not an object`);
    const map = new Map<string, string>();
    for (const [id, version] of Object.entries(raw)) {
      if (typeof version !== 'string') return fail(`"${field}.${id}" is not a string`);
      map.set(id, version);
    }
    return map;
  };
  return { issues: versions('issues'), messages: versions('messages') };
}

export function serializeServiceHealthState(state: ServiceHealthState): Record<string, unknown> {
  return {
    initialized: true,
    issues: Object.fromEntries(state.issues),
    messages: Object.fromEntries(state.messages),
  };
}

/** Same ids with the same versions (order does not matter): nothing to write. */
export function sameState(a: ServiceHealthState | undefined, b: ServiceHealthState): boolean {
  if (!a) return false;
  const same = (x: ReadonlyMap<string, string>, y: ReadonlyMap<string, string>) =>
    x.size === y.size && [...x].every(([id, version]) => y.get(id) === version);
  return same(a.issues, b.issues) && same(a.messages, b.messages);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
