import type { ActivityClient, ContentType } from '@m365-otel/management-api';

/**
 * A tenant's subscriptions, started once for all its streams: the first poll of any stream lists them and starts
 * every configured content type that is missing (never stopping one). A content type whose start failed tries again
 * at its own stream's next poll, alone (the client sends at most one start per content type per 15 minutes).
 */
export class SubscriptionGate {
  readonly #client: Pick<ActivityClient, 'ensureSubscriptions'>;
  readonly #contentTypes: readonly ContentType[];
  readonly #enabled = new Set<ContentType>();
  #first: Promise<ReadonlyMap<ContentType, unknown>> | undefined;
  #listed = false;

  constructor(client: Pick<ActivityClient, 'ensureSubscriptions'>, contentTypes: readonly ContentType[]) {
    this.#client = client;
    this.#contentTypes = contentTypes;
  }

  /** Resolves once the content type's subscription is enabled; rejects with the reason it is not. */
  async ensure(contentType: ContentType, signal: AbortSignal): Promise<void> {
    if (this.#enabled.has(contentType)) return;
    let failures: ReadonlyMap<ContentType, unknown>;
    if (this.#listed) failures = await this.#ensure([contentType], signal);
    else {
      this.#first ??= this.#ensure(this.#contentTypes, signal).catch((error: unknown) => {
        this.#first = undefined;
        throw error;
      });
      failures = await this.#first;
    }
    if (this.#enabled.has(contentType)) return;
    throw failures.get(contentType) ?? new Error(`the ${contentType} subscription could not be started`);
  }

  async #ensure(
    contentTypes: readonly ContentType[],
    signal: AbortSignal,
  ): Promise<ReadonlyMap<ContentType, unknown>> {
    const result = await this.#client.ensureSubscriptions(contentTypes, { signal });
    this.#listed = true;
    for (const contentType of [...result.started, ...result.enabled]) this.#enabled.add(contentType);
    return new Map(result.failed.map(({ contentType, error }) => [contentType, error]));
  }
}
