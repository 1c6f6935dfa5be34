import type { Meter } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  type MetricData,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { vi } from 'vitest';

const providers: MeterProvider[] = [];

/** A meter on a real SDK MeterProvider, and a way to read what was recorded into it (cumulative). */
export function sdkMeter() {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  providers.push(provider);
  return {
    meter: provider.getMeter('test'),
    async collected(): Promise<Map<string, MetricData>> {
      const { resourceMetrics } = await reader.collect();
      const all = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
      return new Map(all.map((metric) => [metric.descriptor.name, metric]));
    },
  };
}

/** Shuts down every provider sdkMeter made; for afterEach. */
export async function shutDownSdkMeters(): Promise<void> {
  await Promise.all(providers.splice(0).map((provider) => provider.shutdown()));
}

/** The names of the instruments (counters, gauges, histograms) `create` makes on the meter, sorted. */
export function instrumentsCreatedBy(meter: Meter, create: () => unknown): string[] {
  const spies = [
    vi.spyOn(meter, 'createCounter'),
    vi.spyOn(meter, 'createGauge'),
    vi.spyOn(meter, 'createHistogram'),
  ];
  try {
    create();
    return spies.flatMap((spy) => spy.mock.calls.map(([name]) => name)).sort();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
