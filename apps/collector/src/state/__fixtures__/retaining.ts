import type { M365otelStateOperation } from '@m365-otel/mappers';
import { createJsonLogger } from '../../logging/logger.js';
import { RetainingStateStore } from '../retaining-store.js';
import type { StateStore } from '../store.js';

/** A retaining store for tests, with what it logs and counts kept for them to look at. */
export function retainingStore(disk: StateStore): {
  state: RetainingStateStore;
  lines: Array<Record<string, unknown>>;
  errors: M365otelStateOperation[];
} {
  const lines: Array<Record<string, unknown>> = [];
  const errors: M365otelStateOperation[] = [];
  const logger = createJsonLogger({
    level: 'debug',
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  const state = new RetainingStateStore(disk, {
    logger,
    selfMetrics: { recordStateError: (operation) => errors.push(operation) },
  });
  return { state, lines, errors };
}

/** The value stored under the key, or undefined when there is none (absent or quarantined). */
export async function storedValue(store: StateStore, key: string): Promise<unknown> {
  const read = await store.read(key);
  return read.status === 'found' ? read.value : undefined;
}
