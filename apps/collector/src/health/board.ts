import { judgeFailure, reasonOf } from './failure.js';
import type { SourceName, SourceStatus } from './source.js';

/** How one poll (or report cycle) of a source ended, as the collector tells the board. */
export type SourceOutcome =
  /** Everything read and delivered; `freshAsOfMs`: when the newest data delivered was current (default: now). */
  | { kind: 'succeeded'; freshAsOfMs?: number }
  /** Part of it worked (some reports, some calls of a signal): delivered what it read, failed with `error`. */
  | { kind: 'partial'; error: unknown; freshAsOfMs?: number }
  | { kind: 'failed'; error: unknown };

/** A tenant's token: `not yet` until a source reached Microsoft or Entra ID refused the credential. */
export type TokenStatus = 'acquired' | 'not yet' | `failed: ${string}`;

export interface SourceHealth {
  source: SourceName;
  status: SourceStatus;
  /** ISO 8601; absent before the first full success in this process. */
  lastSuccess?: string;
  lastFailure?: { time: string; reason: string };
}

export interface TenantHealth {
  tenantId: string;
  token: TokenStatus;
  sources: SourceHealth[];
}

/** What the gauges of one source are built from (ms since the epoch). */
export interface SourceFreshness {
  source: SourceName;
  lastSuccessMs: number | undefined;
  freshAsOfMs: number | undefined;
}

export interface Readiness {
  ready: boolean;
  /** Each condition: `ok`, or why it does not hold. */
  checks: { config: string; authenticated: string; stateStore: string };
}

interface SourceEntry {
  status: SourceStatus;
  lastSuccessMs?: number;
  lastFailure?: { atMs: number; reason: string };
  freshAsOfMs?: number;
  /** Microsoft throttled the source since its last result (an audit stream's throttle events). */
  throttledSinceResult?: boolean;
}

interface TenantEntry {
  token: TokenStatus;
  sources: Map<SourceName, SourceEntry>;
}

/**
 * Each tenant's sources as their latest results left them, the tenants' tokens and the state store's last write:
 * what `/readyz` answers and the `m365otel.source.*` gauges are built from. Fed by the collector with one call per
 * result; keeps one entry per (tenant, source), so its size is fixed by the config.
 */
export class SourceStatusBoard {
  readonly #now: () => number;
  readonly #tenants = new Map<string, TenantEntry>();
  #stateProblem: string | undefined;

  constructor(tenantIds: readonly string[], now: () => number = Date.now) {
    this.#now = now;
    for (const tenantId of tenantIds) this.#tenants.set(tenantId, { token: 'not yet', sources: new Map() });
  }

  /** Lists a source before its first result (`no data yet`), so the report shows every source that will run. */
  expect(tenantId: string, source: SourceName): void {
    const sources = this.#tenant(tenantId).sources;
    if (!sources.has(source)) sources.set(source, { status: 'no data yet' });
  }

  /**
   * Microsoft throttled a call of the source (and the pipeline waits to retry it): a failure before the next result
   * (the poll's deadline while it waited, say) is then `throttled`.
   */
  throttled(tenantId: string, source: SourceName): void {
    const sources = this.#tenant(tenantId).sources;
    const entry = sources.get(source) ?? { status: 'no data yet' };
    sources.set(source, entry);
    entry.throttledSinceResult = true;
  }

  record(tenantId: string, source: SourceName, outcome: SourceOutcome): void {
    const tenant = this.#tenant(tenantId);
    const entry = tenant.sources.get(source) ?? { status: 'no data yet' };
    tenant.sources.set(source, entry);
    const throttled = entry.throttledSinceResult === true;
    entry.throttledSinceResult = false;
    const nowMs = this.#now();
    if (outcome.kind === 'succeeded') {
      entry.status = 'ok';
      entry.lastSuccessMs = nowMs;
      entry.freshAsOfMs = outcome.freshAsOfMs ?? nowMs;
      tenant.token = 'acquired';
      return;
    }
    const verdict = judgeFailure(outcome.error);
    entry.lastFailure = { atMs: nowMs, reason: verdict.reason };
    if (outcome.kind === 'partial') {
      entry.status = 'degraded';
      if (outcome.freshAsOfMs !== undefined) entry.freshAsOfMs = outcome.freshAsOfMs;
      tenant.token = 'acquired';
      return;
    }
    entry.status = verdict.throttled || throttled ? 'throttled' : `failed: ${verdict.reason}`;
    if (verdict.tokenAcquired === true) tenant.token = 'acquired';
    if (verdict.tokenAcquired === false) tenant.token = `failed: ${verdict.reason}`;
  }

  /** The state store took a write (a commit reached the disk). */
  stateWritten(): void {
    this.#stateProblem = undefined;
  }

  /** The state store refused a write: the process is not ready until a later write succeeds. */
  stateWriteFailed(error: unknown): void {
    this.#stateProblem = reasonOf(error);
  }

  /** Ready: the config is valid (the board exists only then), a tenant holds a token and the state store writes. */
  readiness(): Readiness {
    const authenticated = [...this.#tenants.values()].some(({ token }) => token === 'acquired');
    const stateStore = this.#stateProblem === undefined ? 'ok' : `failed: ${this.#stateProblem}`;
    return {
      ready: authenticated && this.#stateProblem === undefined,
      checks: {
        config: 'ok',
        authenticated: authenticated ? 'ok' : 'no tenant has acquired a token yet',
        stateStore,
      },
    };
  }

  tenants(): TenantHealth[] {
    return [...this.#tenants].map(([tenantId, tenant]) => ({
      tenantId,
      token: tenant.token,
      sources: [...tenant.sources].map(([source, entry]) => ({
        source,
        status: entry.status,
        ...(entry.lastSuccessMs !== undefined && {
          lastSuccess: new Date(entry.lastSuccessMs).toISOString(),
        }),
        ...(entry.lastFailure && {
          lastFailure: {
            time: new Date(entry.lastFailure.atMs).toISOString(),
            reason: entry.lastFailure.reason,
          },
        }),
      })),
    }));
  }

  /** One tenant's sources, for its gauges. */
  freshness(tenantId: string): SourceFreshness[] {
    return [...this.#tenant(tenantId).sources].map(([source, entry]) => ({
      source,
      lastSuccessMs: entry.lastSuccessMs,
      freshAsOfMs: entry.freshAsOfMs,
    }));
  }

  #tenant(tenantId: string): TenantEntry {
    const tenant = this.#tenants.get(tenantId);
    if (!tenant) throw new Error(`no tenant ${tenantId} on the source status board`);
    return tenant;
  }
}
