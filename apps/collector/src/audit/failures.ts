import { AuthError } from '@m365-otel/auth';
import { activityFailureKind } from '@m365-otel/management-api';
import type { Logger } from '../logging/logger.js';
import { StateError } from '../state/store.js';
import { CheckpointError } from './checkpoint.js';

/**
 * transient: Microsoft, the network or the backend may answer next time (5xx, throttling after the pipeline's
 * retries, a refused export): the stream tries again at its next poll, its cursor where it was.
 * configuration: only the operator can fix it (a missing permission, unified audit logging off, a corrupt state
 * file): the stream waits CONFIGURATION_RETRY_MS between attempts, never a hot loop.
 */
export type FailureKind = 'transient' | 'configuration';

/** How long a stream that failed for a configuration reason waits before trying again. */
export const CONFIGURATION_RETRY_MS = 15 * 60_000;

/** The management client's verdict, and the collector's own: a state file it cannot use, a credential Entra refused. */
export function failureKind(error: unknown): FailureKind {
  if (error instanceof StateError || error instanceof CheckpointError) return 'configuration';
  if (error instanceof AuthError) return error.transient ? 'transient' : 'configuration';
  return activityFailureKind(error);
}

/**
 * A stream's failures in a row, for logging: a sustained outage is logged at warn once, at error when it has lasted
 * a few polls and then each time the streak doubles (or the reason changes), and at debug in between; a recovery
 * is logged once, with the length of the streak. A configuration failure is an error every time: it waits
 * CONFIGURATION_RETRY_MS between attempts anyway.
 */
export class FailureStreak {
  #count = 0;
  #lastMessage: string | undefined;

  get count(): number {
    return this.#count;
  }

  failed(logger: Logger, kind: FailureKind, fields: Record<string, unknown>, error: unknown): void {
    this.#count++;
    const message = error instanceof Error ? error.message : String(error);
    const changed = message !== this.#lastMessage;
    this.#lastMessage = message;
    const context = { ...fields, kind, failuresInARow: this.#count, error };
    if (kind === 'configuration') {
      logger.error('audit stream stopped: fix the configuration (retried every 15 min)', context);
      return;
    }
    const escalate = this.#count >= 3 && (changed || isPowerOfTwo(this.#count) || this.#count === 3);
    if (escalate) logger.error('audit stream keeps failing', context);
    else if (this.#count === 1 || changed)
      logger.warn('audit stream failed; retried at its next poll', context);
    else logger.debug('audit stream failed again', context);
  }

  succeeded(logger: Logger, fields: Record<string, unknown>): void {
    if (this.#count > 0) logger.info('audit stream recovered', { ...fields, failuresInARow: this.#count });
    this.#count = 0;
    this.#lastMessage = undefined;
  }
}

function isPowerOfTwo(value: number): boolean {
  return (value & (value - 1)) === 0;
}
