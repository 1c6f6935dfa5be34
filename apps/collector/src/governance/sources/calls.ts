import type { ItemProblem, M365otelGovernanceSkipReason } from '@m365-otel/mappers';
import type { Logger } from '../../logging/logger.js';
import type {
  GovernanceCallFailure,
  GovernanceCollection,
  GovernanceSource,
} from '../../pipeline/governance.js';
import { callNeeded, describeGrant, governanceCall, signalRequirements } from '../signal-calls.js';
import type { GovernanceSignal } from '../signals.js';

const FORBIDDEN = 403;

/** What every signal's calls share: the metrics switched on, the tenant's logger, what was reported once. */
export interface CallContext {
  enabledMetrics: ReadonlySet<string>;
  logger: Logger;
  /** Refusals of optional calls already logged (per tenant, signal and resource): once per process. */
  reported: Set<string>;
}

/**
 * The source of `signal`: it needs what GOVERNANCE_CALLS declares for it, and each poll's `collect` makes its calls
 * through a fresh SignalCalls.
 */
export function governanceSource(
  signal: GovernanceSignal,
  context: CallContext,
  collect: (calls: SignalCalls, abort: AbortSignal) => Promise<GovernanceCollection>,
): GovernanceSource {
  return {
    signal,
    permission: signalRequirements(signal),
    collect: (abort) => collect(new SignalCalls(signal, context), abort),
  };
}

/**
 * One poll's calls of one signal, as GOVERNANCE_CALLS declares them: a call none of whose outputs is on is not
 * made; a call that fails is set aside so the others' values are kept (the poll then fails naming it), except an
 * optional call refused with 403, which is logged once and left out; a poll whose every needed call failed fails
 * with the first error, as a signal that read nothing.
 */
export class SignalCalls {
  readonly #signal: GovernanceSignal;
  readonly #context: CallContext;
  readonly #failures: GovernanceCallFailure[] = [];
  readonly #skipped: Record<M365otelGovernanceSkipReason, number> = {
    malformed_item: 0,
    unreadable_field: 0,
  };
  #made = 0;

  constructor(signal: GovernanceSignal, context: CallContext) {
    this.#signal = signal;
    this.#context = context;
  }

  /** Whether the call to `resource` is needed by the metrics switched on. */
  needed(resource: string): boolean {
    return callNeeded(governanceCall(this.#signal, resource), this.#context.enabledMetrics);
  }

  /** The call's answer; undefined when it is not needed or failed (then set aside). An abort is thrown. */
  async read<T>(resource: string, abort: AbortSignal, run: () => Promise<T>): Promise<T | undefined> {
    if (!this.needed(resource)) return undefined;
    this.#made++;
    try {
      return await run();
    } catch (error) {
      if (abort.aborted) throw error;
      this.fail(resource, error);
      return undefined;
    }
  }

  /** Sets aside a failure of a call to `resource` (an optional one refused with 403 is only logged, once). */
  fail(resource: string, error: unknown): void {
    const call = governanceCall(this.#signal, resource);
    const refused = statusOf(error) === FORBIDDEN;
    if (call.optional !== undefined && refused) {
      const key = `${this.#signal}/${resource}`;
      if (this.#context.reported.has(key)) return;
      this.#context.reported.add(key);
      this.#context.logger.warn(
        `governance ${this.#signal}: ${resource} refused; the signal goes on without it`,
        {
          signal: this.#signal,
          resource,
          grant: describeGrant(call.grant),
          why: call.optional,
          error,
        },
      );
      return;
    }
    this.#failures.push({ resource, error });
  }

  /** For the client calls' `onSkippedItem`: an item Microsoft sent malformed, left out whole by the client. */
  readonly onSkippedItem = (): void => {
    this.#skipped.malformed_item++;
  };

  /** The poll's collection; throws when every call made failed. */
  collection(collected: Omit<GovernanceCollection, 'failures' | 'skipped'>): GovernanceCollection {
    const [first] = this.#failures;
    if (first !== undefined && this.#failures.length >= this.#made) throw first.error;
    return {
      ...collected,
      skipped: { ...this.#skipped },
      ...(this.#failures.length > 0 && { failures: [...this.#failures] }),
    };
  }

  /** Fields Microsoft sent unreadable: what they feed was left out; logged so an administrator can find the items. */
  problems(problems: readonly ItemProblem[]): void {
    if (problems.length === 0) return;
    this.#skipped.unreadable_field += problems.length;
    this.#context.logger.warn(`governance ${this.#signal}: fields left out, unreadable`, {
      signal: this.#signal,
      problems: problems.slice(0, 20),
      count: problems.length,
    });
  }
}

/** The HTTP status of a client's error (DirectoryError, Connect Health's MicrosoftApiError, ReportError). */
function statusOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
}
