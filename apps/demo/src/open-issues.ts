import type { EventRecord } from '@m365-otel/mappers';
import { ISSUE, ISSUE_EVENT, SERVICE_NAME } from './names.js';

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
      if (event.eventName !== ISSUE_EVENT) continue;
      const id = String(event.attributes[ISSUE.id]);
      if (event.attributes[ISSUE.resolved] === true) {
        this.#byId.delete(id);
        continue;
      }
      const feature = event.attributes[ISSUE.featureName];
      this.#byId.set(id, {
        id,
        service: String(event.attributes[SERVICE_NAME]),
        feature: feature === undefined ? undefined : String(feature),
        classification: String(event.attributes[ISSUE.classification]),
        status: String(event.attributes[ISSUE.status]),
        title: String(event.body.title ?? ''),
      });
    }
  }

  /** In the order each issue was first announced. */
  list(): OpenIssue[] {
    return [...this.#byId.values()];
  }
}
