export type { Logger } from '@m365-otel/http';
export {
  CONNECT_HEALTH_API_VERSION,
  CONNECT_HEALTH_ROLE,
  ConnectHealthClient,
  type ConnectHealthClientOptions,
  type RequestOptions,
} from './client.js';
export type {
  ConnectHealthAlert,
  ConnectHealthResource,
  ConnectHealthService,
  SkippedConnectHealthItem,
} from './parse.js';
