import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describeUrl } from '@m365-otel/http';
import { DEFAULT_HEALTHY_STATUSES, METRIC_CATALOG } from '@m365-otel/mappers';
import { type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { Collector } from '../collector.js';
import { REPORT_DEFAULTS } from '../config/defaults.js';
import { parseDuration } from '../config/duration.js';
import type { CollectorConfig } from '../config/types.js';
import { EXIT } from '../exit-codes.js';
import { createLogExporter } from '../export/events.js';
import { createMetricExporter } from '../export/exporter.js';
import { serviceResource } from '../export/resource.js';
import { resolveExportSettings, resolveLogExportSettings } from '../export/settings.js';
import type { JsonLogger } from '../logging/logger.js';
import type { MainIo } from '../main.js';
import { MemoryStateStore } from '../state/memory-store.js';
import { renderEvents, renderServiceHealth, renderSnapshotTables } from './table.js';

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
    serviceHealth: {
      enabled: true,
      interval: `${intervalMs}ms`,
      intervalMs,
      // The simulator grants ServiceMessage.Read.All, so the demo shows message-center events too.
      messages: true,
      include: { services: [], features: [] },
      exclude: { services: [], features: [] },
      healthyStatuses: [...DEFAULT_HEALTHY_STATUSES],
    },
    enabledMetrics: new Set(
      METRIC_CATALOG.filter((metric) => metric.enabledByDefault).map((metric) => metric.name),
    ),
    otlp: otlp === undefined ? {} : { endpoint: otlp.replace(/\/+$/, '') },
    // What a deployment would set; the demo itself keeps its state in memory, as its tenant is new every time.
    state: { directory: join(dirname(simulator.caFile), 'state') },
  };
}

/** Stands in for a backend when the demo does not export: the events are shown on stdout instead. */
const localOnly: LogRecordExporter = {
  export: (_records, done: (result: ExportResult) => void) => done({ code: ExportResultCode.SUCCESS }),
  forceFlush: async () => undefined,
  shutdown: async () => undefined,
};

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
    [
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
      'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT',
    ].some((name) => Boolean(io.env[name]?.trim()));
  const service = serviceResource(io.env);
  const simulator = await startSimulator({ seed: options.seed, users: options.users });
  const config = demoConfig(simulator, options.intervalMs, options.otlp);
  const settings = resolveExportSettings(config.otlp, io.env);
  const logSettings = resolveLogExportSettings(config.otlp, io.env);
  if (!service.resource || !settings.settings || !logSettings.settings) {
    await simulator.close();
    const problems = new Set([...service.problems, ...settings.problems, ...logSettings.problems]);
    io.stderr(`m365-otel: demo: ${[...problems].join('; ')}\n`);
    return EXIT.usage;
  }
  logger.addSecret(simulator.clientSecret);
  const exporter: PushMetricExporter | undefined = exporting
    ? createMetricExporter(settings.settings)
    : undefined;
  const eventExporter = exporting ? createLogExporter(logSettings.settings) : localOnly;
  const collector = new Collector({
    config,
    resource: service.resource,
    logger,
    eventExporter,
    state: new MemoryStateStore(),
  });

  io.stdout(
    `Simulated Microsoft 365 tenant ${simulator.tenantId} (seed ${options.seed}, ${options.users} users) at ${simulator.url}\n` +
      (exporter
        ? `Exporting over OTLP ${settings.settings.protocol} to ${describeUrl(settings.settings.url)}, ` +
          `events to ${describeUrl(logSettings.settings.url)}\n`
        : 'Not exporting over OTLP. To export, pass --otlp http://localhost:4318 or set OTEL_EXPORTER_OTLP_ENDPOINT.\n') +
      `Each cycle advances the simulated service-health timeline one step (${simulator.serviceHealth.lastStep + 1} steps: ` +
      'an Exchange incident and a SharePoint advisory open, change and resolve).\n',
  );
  let ok = true;
  try {
    for (let cycle = 1; cycle <= options.cycles && !stop.aborted; cycle++) {
      if (cycle > 1 && simulator.serviceHealth.step < simulator.serviceHealth.lastStep)
        simulator.serviceHealth.advance();
      const [results, polls] = await Promise.all([
        collector.collect(stop),
        collector.pollServiceHealth(stop),
      ]);
      const nowMs = Date.now();
      io.stdout(`\nCycle ${cycle} of ${options.cycles} at ${new Date(nowMs).toISOString()}\n`);
      io.stdout(renderSnapshotTables(collector.snapshots(simulator.tenantId), config.enabledMetrics, nowMs));
      for (const failure of results.filter((result) => !result.ok)) {
        ok = false;
        io.stdout(`! ${failure.report} failed (details in the log on stderr)\n`);
      }
      io.stdout(
        `\nService-health timeline step ${simulator.serviceHealth.step} of ${simulator.serviceHealth.lastStep}\n` +
          renderServiceHealth(collector.serviceHealth(simulator.tenantId)),
      );
      for (const poll of polls) {
        io.stdout(`\n${renderEvents(poll.events)}`);
        if (!poll.ok) {
          ok = false;
          io.stdout(`! service health failed at ${poll.stage} (details in the log on stderr)\n`);
        }
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
    await Promise.all([exporter?.shutdown(), eventExporter.shutdown()]);
    await simulator.close();
  }
  return ok ? EXIT.ok : EXIT.failed;
}
