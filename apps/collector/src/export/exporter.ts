import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { createOtlpMetricExporter, PartialSuccessError } from './otlp-exporter.js';
import type { ExportSettings } from './settings.js';

export function createMetricExporter(settings: ExportSettings): PushMetricExporter {
  return createOtlpMetricExporter(settings);
}

export interface ExportOutcome {
  /** Every request was acknowledged in full. */
  ok: boolean;
  /** Every request was acknowledged, some only in part (a partial success): nothing of it may be sent again. */
  delivered: boolean;
  /** One entry per request the backend did not acknowledge, or acknowledged only in part. */
  errors: string[];
  /** Items the backend rejected in partial successes. */
  rejected: number;
}

export function emptyOutcome(): ExportOutcome {
  return { ok: true, delivered: true, errors: [], rejected: 0 };
}

/** Folds one export's result into an outcome; a partial success counts its rejected items. */
export function recordResult(outcome: ExportOutcome, result: ExportResult, fallback: string): void {
  if (result.code === ExportResultCode.SUCCESS) return;
  outcome.ok = false;
  outcome.errors.push(result.error?.message ?? fallback);
  if (result.error instanceof PartialSuccessError) outcome.rejected += result.error.rejected;
  else outcome.delivered = false;
}

/**
 * Exports each ResourceMetrics and waits for the backend's answer. This is the only way to know: forceFlush() and
 * the periodic reader hand export failures to the global error handler and resolve anyway.
 */
export async function exportResourceMetrics(
  exporter: PushMetricExporter,
  batches: readonly ResourceMetrics[],
): Promise<ExportOutcome> {
  const outcome = emptyOutcome();
  for (const batch of batches) {
    if (batch.scopeMetrics.every((scope) => scope.metrics.length === 0)) continue;
    const result = await new Promise<ExportResult>((resolve) => exporter.export(batch, resolve));
    recordResult(outcome, result, 'the OTLP backend did not acknowledge the export');
  }
  return outcome;
}
