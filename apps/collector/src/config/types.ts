import type { z } from 'zod';
import type { NameMatcher } from '../service-health/filter.js';
import type { ConfigSchema } from './schema.js';

export { LOG_LEVELS, type LogLevel, OTLP_PROTOCOLS, type OtlpProtocol } from './choices.js';
export type { NameMatcher };

/** The validated config the collector runs on, as the schema produces it. */
export type CollectorConfig = z.output<ConfigSchema>;
export type TenantConfig = CollectorConfig['tenants'][number];
export type TenantCredentialConfig = TenantConfig['credential'];
export type ReportsConfig = CollectorConfig['reports'];
export type ServiceHealthConfig = CollectorConfig['serviceHealth'];
export type AuditConfig = CollectorConfig['audit'];
export type GovernanceConfig = CollectorConfig['governance'];
export type CallQualityConfig = CollectorConfig['callQuality'];

/** Every problem found in a configuration, each formatted `path: reason`. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
