import type { Collector } from '@m365-otel/collector';
import { ATTR_M365_TENANT_ID } from '@m365-otel/mappers';

type ExportedMetrics = Awaited<ReturnType<Collector['resourceMetrics']>>;

/** One gauge or sum data point of what the collector exports, its attributes as text. */
export interface ExportedPoint {
  metric: string;
  attributes: Readonly<Record<string, string>>;
  value: number;
}

/**
 * The gauge and sum points the collector would export now for one tenant (its Resource's `m365.tenant.id`), from
 * `Collector.resourceMetrics()`: the demo shows what a backend receives, not the collector's internals. Histogram
 * points are left out (their value is a distribution, not a number).
 */
export function exportedPoints(resourceMetrics: ExportedMetrics, tenantId: string): ExportedPoint[] {
  return resourceMetrics
    .filter((resourceMetric) => resourceMetric.resource.attributes[ATTR_M365_TENANT_ID] === tenantId)
    .flatMap((resourceMetric) => resourceMetric.scopeMetrics)
    .flatMap((scopeMetric) => scopeMetric.metrics)
    .flatMap((metric) =>
      (metric.dataPoints as readonly { attributes: Record<string, unknown>; value: unknown }[]).flatMap(
        (point) =>
          typeof point.value === 'number'
            ? [
                {
                  metric: metric.descriptor.name,
                  attributes: Object.fromEntries(
                    Object.entries(point.attributes).map(([key, value]) => [key, String(value)]),
                  ),
                  value: point.value,
                },
              ]
            : [],
      ),
    );
}
