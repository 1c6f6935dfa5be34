export type { Logger } from '@m365-otel/http';
export {
  type RequestOptions,
  SERVICE_HEALTH_RESOURCES,
  ServiceHealthClient,
  type ServiceHealthClientOptions,
  type ServiceHealthResource,
  type SkippedServiceHealthItem,
} from './client.js';
export {
  type EnumValue,
  ISSUE_POST_TYPES,
  isServiceHealthStatus,
  SERVICE_HEALTH_CLASSIFICATIONS,
  SERVICE_HEALTH_ORIGINS,
  SERVICE_HEALTH_STATUSES,
  SERVICE_UPDATE_CATEGORIES,
  SERVICE_UPDATE_SEVERITIES,
  type ServiceHealthStatus,
} from './enums.js';
export { ServiceHealthError, type ServiceHealthErrorDetails } from './errors.js';
export type {
  IssuePost,
  ServiceHealthIssue,
  ServiceHealthOverview,
  ServiceUpdateMessage,
  SkippedItem,
} from './parse.js';
