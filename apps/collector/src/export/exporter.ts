import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtobufMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ExportSettings } from './settings.js';

export function createMetricExporter(settings: ExportSettings): PushMetricExporter {
  const options = { url: settings.url, headers: settings.headers, timeoutMillis: settings.timeoutMs };
  return settings.protocol === 'http/json'
    ? new JsonMetricExporter(options)
    : new ProtobufMetricExporter(options);
}

export interface ExportOutcome {
  ok: boolean;
  /** One entry per ResourceMetrics the backend did not acknowledge. */
  errors: string[];
}

/**
 * Exports each ResourceMetrics and waits for the backend's answer. This is the only way to know: forceFlush() and
 * the periodic reader hand export failures to the global error handler and resolve anyway.
 */
export async function exportResourceMetrics(
  exporter: PushMetricExporter,
  batches: readonly ResourceMetrics[],
): Promise<ExportOutcome> {
  const errors: string[] = [];
  for (const batch of batches) {
    if (batch.scopeMetrics.every((scope) => scope.metrics.length === 0)) continue;
    const result = await new Promise<ExportResult>((resolve) => exporter.export(batch, resolve));
    if (result.code !== ExportResultCode.SUCCESS) {
      errors.push(result.error?.message ?? 'the OTLP backend did not acknowledge the export');
    }
  }
  return { ok: errors.length === 0, errors };
}
