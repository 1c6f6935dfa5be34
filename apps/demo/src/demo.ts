import { setTimeout as delay } from 'node:timers/promises';
import {
  CALL_QUALITY_WIRING,
  Collector,
  createLogExporter,
  createMetricExporter,
  type DemoCommand,
  EXIT,
  governanceSources,
  MemoryStateStore,
  prepare,
} from '@m365-otel/collector';
import { describeUrl } from '@m365-otel/http';
import { startSimulator } from '@m365-otel/simulator';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import { writeDemoConfig } from './config.js';
import { exportedPoints } from './exported-points.js';
import { renderCallQuality, renderGovernance } from './governance.js';
import { OpenIssues } from './open-issues.js';
import { parseDemoOptions } from './options.js';
import { renderEvents, renderServiceHealth, renderSnapshotTables } from './table.js';

/** Stands in for a backend when the demo does not export: the events are shown on stdout instead. */
const localOnly: LogRecordExporter = {
  export: (_records, done: (result: ExportResult) => void) => done({ code: ExportResultCode.SUCCESS }),
  forceFlush: async () => undefined,
  shutdown: async () => undefined,
};

const ENDPOINT_VARIABLES = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
  'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT',
];

/**
 * `m365-otel demo`: a simulated tenant, the real pipeline against it, and the result as tables on stdout. Exports
 * over OTLP only when asked to (--otlp or an OTEL_EXPORTER_OTLP_*ENDPOINT variable), so it works with no backend.
 */
export const runDemo: DemoCommand = async (flags, context) => {
  const { io, logger, stop } = context;
  const options = parseDemoOptions(flags);
  if (typeof options === 'string') {
    io.stderr(`m365-otel: ${options}\n`);
    return EXIT.usage;
  }
  const exporting =
    options.otlp !== undefined || ENDPOINT_VARIABLES.some((name) => Boolean(io.env[name]?.trim()));
  // Resource Manager's host of its own: arm.localhost does not resolve everywhere, localhost does.
  const simulator = await startSimulator({
    seed: options.seed,
    users: options.users,
    armHostName: 'localhost',
  });
  try {
    const prepared = await prepare(await writeDemoConfig(simulator, options.otlp), context);
    if ('problems' in prepared) {
      io.stderr(`m365-otel: demo: ${prepared.problems.join('; ')}\n`);
      return EXIT.usage;
    }
    const { config, settings, logSettings, resource } = prepared;
    const exporter = exporting ? createMetricExporter(settings) : undefined;
    const eventExporter = exporting && logSettings ? createLogExporter(logSettings) : localOnly;
    // The tenant is new every time, so its announced events are kept in memory.
    const collector = new Collector({
      config,
      resource,
      logger,
      eventExporter,
      state: new MemoryStateStore(),
      governanceSources,
      callQuality: CALL_QUALITY_WIRING,
    });
    const openIssues = new OpenIssues();

    io.stdout(
      `Simulated Microsoft 365 tenant ${simulator.tenantId} (seed ${options.seed}, ${options.users} users) at ${simulator.url}\n` +
        (exporter
          ? `Exporting over OTLP ${settings.protocol} to ${describeUrl(settings.url)}` +
            `${logSettings ? `, events to ${describeUrl(logSettings.url)}` : ''}\n`
          : 'Not exporting over OTLP. To export, pass --otlp http://localhost:4318 or set OTEL_EXPORTER_OTLP_ENDPOINT.\n') +
        `Each cycle advances the simulated service-health timeline one step (${simulator.serviceHealth.lastStep + 1} steps: ` +
        'an Exchange incident and a SharePoint advisory open, change and resolve).\n',
    );
    let ok = true;
    try {
      for (let cycle = 1; cycle <= options.cycles && !stop.aborted; cycle++) {
        if (cycle > 1 && simulator.serviceHealth.step < simulator.serviceHealth.lastStep)
          simulator.serviceHealth.advance();
        const [results, polls, governance, calls] = await Promise.all([
          collector.collect(stop),
          collector.pollServiceHealth(stop),
          collector.pollGovernance(stop),
          collector.pollCallQuality(stop),
        ]);
        const nowMs = Date.now();
        io.stdout(`\nCycle ${cycle} of ${options.cycles} at ${new Date(nowMs).toISOString()}\n`);
        io.stdout(
          renderSnapshotTables(collector.snapshots(simulator.tenantId), config.enabledMetrics, nowMs),
        );
        for (const failure of results.filter((result) => !result.ok)) {
          ok = false;
          io.stdout(`! ${failure.report} failed (details in the log on stderr)\n`);
        }
        for (const poll of polls) openIssues.add(poll.events);
        io.stdout(
          `\nService-health timeline step ${simulator.serviceHealth.step} of ${simulator.serviceHealth.lastStep}\n` +
            renderServiceHealth(collector.serviceHealth(simulator.tenantId)?.observations, openIssues.list()),
        );
        for (const poll of polls) {
          io.stdout(`\n${renderEvents(poll.events)}`);
          if (!poll.ok) {
            ok = false;
            io.stdout(`! service health failed at ${poll.stage} (details in the log on stderr)\n`);
          }
        }
        const exported = exportedPoints(await collector.resourceMetrics(), simulator.tenantId);
        io.stdout(`\n${renderGovernance(exported)}`);
        for (const failure of governance.filter((result) => !result.ok)) {
          ok = false;
          io.stdout(
            `! governance ${failure.signal} failed at ${failure.stage} (details in the log on stderr)\n`,
          );
        }
        io.stdout(`\n${renderCallQuality(exported)}`);
        for (const failure of calls.filter((result) => !result.ok)) {
          ok = false;
          io.stdout(`! call quality failed at ${failure.stage} (details in the log on stderr)\n`);
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
    }
    return ok ? EXIT.ok : EXIT.failed;
  } finally {
    await simulator.close();
  }
};
