import type { CloudName } from '@m365-otel/auth';
import type { ReportPeriod } from '@m365-otel/graph-reports';
import type { NameMatcher } from '../service-health/filter.js';

export type { NameMatcher };

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

export type TenantCredentialConfig =
  | { kind: 'secret'; secret: string }
  | { kind: 'certificate'; keyFile: string; certFile: string };

export interface TenantConfig {
  tenantId: string;
  clientId: string;
  credential: TenantCredentialConfig;
  cloud: CloudName;
  /** Only with cloud `custom`; base URLs without a trailing slash. */
  endpoints?: { authority: string; graph: string; management?: string };
  /** Extra CA (absolute path) trusted in addition to Node's roots for this tenant's HTTPS calls. */
  caFile?: string;
}

export interface ReportsConfig {
  enabled: boolean;
  period: ReportPeriod;
  /** As written in the file (for summaries). */
  interval: string;
  intervalMs: number;
  time: 'latest';
}

export interface ServiceHealthConfig {
  enabled: boolean;
  /** As written in the file (for summaries). */
  interval: string;
  intervalMs: number;
  /** Message-center events too (needs ServiceMessage.Read.All). */
  messages: boolean;
  include: { services: NameMatcher[]; features: NameMatcher[] };
  exclude: { services: NameMatcher[]; features: NameMatcher[] };
  /** Canonical camelCase statuses that count as healthy for m365.service.healthy. */
  healthyStatuses: string[];
}

export interface CollectorConfig {
  logLevel?: LogLevel;
  tenants: TenantConfig[];
  reports: ReportsConfig;
  serviceHealth: ServiceHealthConfig;
  /** Where progress that must survive a restart is kept (absolute path; created on first use). */
  state: { directory: string };
  /** Catalog metrics that are on: their catalog default, overridden by `metrics.<name>.enabled`. */
  enabledMetrics: ReadonlySet<string>;
  otlp: { endpoint?: string; protocol?: OtlpProtocol };
}

/** Every problem found in a configuration, each formatted `path: reason`. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
