// The catalog names the demo's tables read from what the collector exports (its gauges and its events).
export const SERVICE_STATUS_METRIC = 'm365.service.status';
export const SERVICE_NAME = 'm365.service.name';
export const SERVICE_ID = 'm365.service.id';
export const SERVICE_STATUS = 'm365.service.status';
export const ISSUE_EVENT = 'm365.service.issue';
export const ISSUE = {
  id: 'm365.service.issue.id',
  featureName: 'm365.service.feature.name',
  classification: 'm365.service.issue.classification',
  status: 'm365.service.issue.status',
  change: 'm365.service.issue.change',
  resolved: 'm365.service.issue.resolved',
} as const;
export const MESSAGE = {
  id: 'm365.service.message.id',
  category: 'm365.service.message.category',
  change: 'm365.service.message.change',
} as const;
