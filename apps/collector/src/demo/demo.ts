import { setTimeout as delay } from 'node:timers/promises';
import { describeUrl } from '@m365-otel/http';
import { METRIC_CATALOG } from '@m365-otel/mappers';
import { type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { Collector } from '../collector.js';
import { parseDuration } from '../config/duration.js';
import type { CollectorConfig } from '../config/types.js';
import { REPORT_DEFAULTS } from '../config/validate.js';
import { EXIT } from '../exit-codes.js';
import { createMetricExporter } from '../export/exporter.js';
import { serviceResource } from '../export/resource.js';
import { resolveExportSettings } from '../export/settings.js';
import type { JsonLogger } from '../logging/logger.js';
import type { MainIo } from '../main.js';
import { renderSnapshotTables } from './table.js';

export interface DemoOptions {
  users: number;
  seed: number;
  cycles: number;
  intervalMs: number;
  /** OTLP base URL from --otlp. */
  otlp?: string;
}

/** Parses the demo flags; a string is the problem (a usage error). */
export function parseDemoOptions(values: Record<string, string | boolean | undefined>): DemoOptions | string {
  const count = (name: string, fallback: number, min: number): number | string => {
    const raw = values[name];
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
  const interval = typeof values.interval === 'string' ? values.interval : '30s';
  const intervalMs = parseDuration(interval);
  if (intervalMs === undefined)
    return `demo: --interval must be a duration like 30s or 5m, got ${JSON.stringify(interval)}`;
  const options: DemoOptions = {
    users: users as number,
    seed: seed as number,
    cycles: cycles as number,
    intervalMs,
  };
  if (typeof values.otlp === 'string') {
    if (!/^https?:\/\/[^/]/.test(values.otlp) || /\/v1\/metrics\/?$/.test(values.otlp)) {
      return `demo: --otlp must be an http or https base URL like http://localhost:4318, got ${JSON.stringify(values.otlp)}`;
    }
    options.otlp = values.otlp;
  }
  return options;
}

/** The config a real deployment would write for this tenant: cloud custom, pointed at the simulator. */
export function demoConfig(
  simulator: RunningSimulator,
  intervalMs: number,
  otlp: string | undefined,
): CollectorConfig {
  return {
    tenants: [
      {
        tenantId: simulator.tenantId,
        clientId: simulator.clientId,
        credential: { kind: 'secret', secret: simulator.clientSecret },
        cloud: 'custom',
        endpoints: { authority: simulator.authorityUrl, graph: simulator.graphUrl },
        caFile: simulator.caFile,
      },
    ],
    reports: { ...REPORT_DEFAULTS, interval: `${intervalMs}ms`, intervalMs },
    enabledMetrics: new Set(
      METRIC_CATALOG.filter((metric) => metric.enabledByDefault).map((metric) => metric.name),
    ),
    otlp: otlp === undefined ? {} : { endpoint: otlp.replace(/\/+$/, '') },
  };
}

/**
 * `m365-otel demo`: a simulated tenant, the real pipeline against it, and the result as tables on stdout. Exports
 * over OTLP only when asked to (--otlp or an OTEL_EXPORTER_OTLP_*ENDPOINT variable), so it works with no backend.
 */
export async function runDemo(
  values: Record<string, string | boolean | undefined>,
  context: { io: MainIo; logger: JsonLogger; stop: AbortSignal },
): Promise<number> {
  const { io, logger, stop } = context;
  const options = parseDemoOptions(values);
  if (typeof options === 'string') {
    io.stderr(`m365-otel: ${options}\n`);
    return EXIT.usage;
  }
  const exporting =
    options.otlp !== undefined ||
    Boolean(io.env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || io.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT?.trim());
  const service = serviceResource(io.env);
  const simulator = await startSimulator({ seed: options.seed, users: options.users });
  const config = demoConfig(simulator, options.intervalMs, options.otlp);
  const settings = resolveExportSettings(config.otlp, io.env);
  if (!service.resource || !settings.settings) {
    await simulator.close();
    io.stderr(`m365-otel: demo: ${[...service.problems, ...settings.problems].join('; ')}\n`);
    return EXIT.usage;
  }
  logger.addSecret(simulator.clientSecret);
  const exporter: PushMetricExporter | undefined = exporting
    ? createMetricExporter(settings.settings)
    : undefined;
  const collector = new Collector({ config, resource: service.resource, logger });

  io.stdout(
    `Simulated Microsoft 365 tenant ${simulator.tenantId} (seed ${options.seed}, ${options.users} users) at ${simulator.url}\n` +
      (exporter
        ? `Exporting over OTLP ${settings.settings.protocol} to ${describeUrl(settings.settings.url)}\n`
        : 'Not exporting over OTLP. To export, pass --otlp http://localhost:4318 or set OTEL_EXPORTER_OTLP_ENDPOINT.\n'),
  );
  let ok = true;
  try {
    for (let cycle = 1; cycle <= options.cycles && !stop.aborted; cycle++) {
      const results = await collector.collect(stop);
      const nowMs = Date.now();
      io.stdout(`\nCycle ${cycle} of ${options.cycles} at ${new Date(nowMs).toISOString()}\n`);
      io.stdout(renderSnapshotTables(collector.snapshots(simulator.tenantId), config.enabledMetrics, nowMs));
      for (const failure of results.filter((result) => !result.ok)) {
        ok = false;
        io.stdout(`! ${failure.report} failed (details in the log on stderr)\n`);
      }
      if (exporter) {
        const outcome = await collector.export(exporter);
        ok &&= outcome.ok;
        io.stdout(
          outcome.ok ? 'OTLP export acknowledged\n' : `OTLP export failed: ${outcome.errors.join('; ')}\n`,
        );
      }
      if (cycle < options.cycles)
        await delay(options.intervalMs, undefined, { signal: stop }).catch(() => undefined);
    }
  } finally {
    await collector.close();
    await exporter?.shutdown();
    await simulator.close();
  }
  return ok ? EXIT.ok : EXIT.failed;
}
