import type { EventRecord } from '@m365-otel/mappers';
import {
  ATTR_M365_SERVICE_FEATURE_NAME,
  ATTR_M365_SERVICE_ISSUE_CLASSIFICATION,
  ATTR_M365_SERVICE_ISSUE_ID,
  ATTR_M365_SERVICE_ISSUE_RESOLVED,
  ATTR_M365_SERVICE_ISSUE_STATUS,
  ATTR_M365_SERVICE_NAME,
  EVENT_M365_SERVICE_ISSUE,
} from '@m365-otel/mappers';

export interface OpenIssue {
  id: string;
  service: string;
  feature: string | undefined;
  classification: string;
  status: string;
  title: string;
}

/**
 * The open issues as a backend that received the collector's issue events knows them: an event that leaves an
 * issue unresolved (opened, updated) adds or replaces it, a resolved one removes it. The collector announces every
 * open issue on its first poll, so a fresh demo's view starts complete; it keeps nothing for the demo beyond what
 * it exports.
 */
export class OpenIssues {
  readonly #byId = new Map<string, OpenIssue>();

  add(events: readonly EventRecord[]): void {
    for (const event of events) {
      if (event.eventName !== EVENT_M365_SERVICE_ISSUE) continue;
      const id = String(event.attributes[ATTR_M365_SERVICE_ISSUE_ID]);
      if (event.attributes[ATTR_M365_SERVICE_ISSUE_RESOLVED] === true) {
        this.#byId.delete(id);
        continue;
      }
      const feature = event.attributes[ATTR_M365_SERVICE_FEATURE_NAME];
      this.#byId.set(id, {
        id,
        service: String(event.attributes[ATTR_M365_SERVICE_NAME]),
        feature: feature === undefined ? undefined : String(feature),
        classification: String(event.attributes[ATTR_M365_SERVICE_ISSUE_CLASSIFICATION]),
        status: String(event.attributes[ATTR_M365_SERVICE_ISSUE_STATUS]),
        title: String(event.body.title ?? ''),
      });
    }
  }

  /** In the order each issue was first announced. */
  list(): OpenIssue[] {
    return [...this.#byId.values()];
  }
}
