import type { ContentType } from '@m365-otel/management-api';
import { AuditMetrics } from '../export/audit-metrics.js';

/** A tenant's audit metrics that also tell each throttled answer of a stream's calls to `onThrottled`. */
export class ThrottleNoticingAuditMetrics extends AuditMetrics {
  readonly #onThrottled: (contentType: ContentType) => void;

  constructor(
    resource: ConstructorParameters<typeof AuditMetrics>[0],
    self: ConstructorParameters<typeof AuditMetrics>[1],
    onThrottled: (contentType: ContentType) => void,
  ) {
    super(resource, self);
    this.#onThrottled = onThrottled;
  }

  override throttled(contentType: ContentType): void {
    super.throttled(contentType);
    this.#onThrottled(contentType);
  }
}
