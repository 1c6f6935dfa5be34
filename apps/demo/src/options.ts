import { type CommandFlags, parseDuration } from '@m365-otel/collector';

export interface DemoOptions {
  users: number;
  seed: number;
  cycles: number;
  intervalMs: number;
  /** OTLP base URL from --otlp. */
  otlp?: string;
}

/** The demo's flags as main() parsed them; a string is the problem (a usage error). */
export function parseDemoOptions(flags: CommandFlags): DemoOptions | string {
  const count = (name: string, fallback: number, min: number): number | string => {
    const raw = flags[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    return Number.isSafeInteger(value) && value >= min && /^\d+$/.test(String(raw))
      ? value
      : `demo: --${name} must be a whole number >= ${min}, got ${JSON.stringify(raw)}`;
  };
  const users = count('users', 25, 1);
  const seed = count('seed', 1, 0);
  const cycles = count('cycles', 1, 1);
  for (const value of [users, seed, cycles]) if (typeof value === 'string') return value;
  const interval = typeof flags.interval === 'string' ? flags.interval : '30s';
  const intervalMs = parseDuration(interval);
  if (intervalMs === undefined)
    return `demo: --interval must be a duration like 30s or 5m, got ${JSON.stringify(interval)}`;
  const options: DemoOptions = {
    users: users as number,
    seed: seed as number,
    cycles: cycles as number,
    intervalMs,
  };
  if (typeof flags.otlp === 'string') {
    if (!/^https?:\/\/[^/]/.test(flags.otlp) || /\/v1\/metrics\/?$/.test(flags.otlp)) {
      return `demo: --otlp must be an http or https base URL like http://localhost:4318, got ${JSON.stringify(flags.otlp)}`;
    }
    options.otlp = flags.otlp;
  }
  return options;
}
