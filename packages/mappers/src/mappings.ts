import { normalizeHeaderName } from '@m365-otel/graph-reports';
import {
  REPORT_CATALOG,
  REPORT_NAMES,
  type ReportDefinition,
  type ReportName,
} from '@m365-otel/report-catalog';
import type { ReportSource } from './catalog-model.js';
import { countsMapping, type ReportMetric } from './counts-mapping.js';
import { entityMapping } from './entity-mapping.js';
import { EVENT_CATALOG, METRIC_CATALOG, type MetricName } from './generated/catalog.js';
import type { ReportMapping } from './types.js';

/** The catalog's metrics read from one report, their columns named as rows are read (normalised). */
function metricsOf(report: ReportName): ReportMetric[] {
  return METRIC_CATALOG.flatMap((metric) =>
    metric.source?.kind === 'report' && metric.source.report === report
      ? [{ name: metric.name as MetricName, source: normalizedSource(metric.source as ReportSource) }]
      : [],
  );
}

/**
 * Rows are read by normalised header name (graph-reports collapses Microsoft's runs of spaces, as in
 * `Used  Chrome OS`), so the mappings name the columns that way too.
 */
function normalizedSource(source: ReportSource): ReportSource {
  const { category, aggregate } = source;
  return {
    ...source,
    columns: source.columns.map(normalizeHeaderName),
    series: source.series.map((series) => ({
      ...series,
      terms: series.terms.map((term) => ({ ...term, column: normalizeHeaderName(term.column) })),
    })),
    ...(category === undefined
      ? {}
      : { category: { ...category, column: normalizeHeaderName(category.column) } }),
    ...(aggregate?.activityColumn === undefined
      ? {}
      : { aggregate: { ...aggregate, activityColumn: normalizeHeaderName(aggregate.activityColumn) } }),
  };
}

function normalizedReport(report: ReportDefinition): ReportDefinition {
  return {
    ...report,
    columns: report.columns.map(normalizeHeaderName),
    columnTypes: Object.fromEntries(
      Object.entries(report.columnTypes).map(([column, type]) => [normalizeHeaderName(column), type]),
    ),
  };
}

/**
 * One mapping per report that feeds a metric or an event, in the report catalog's order, made from the catalogs alone:
 * metadata.yaml says which columns feed which series, the report catalog how each column is read.
 */
export const REPORT_MAPPINGS: readonly ReportMapping[] = REPORT_NAMES.flatMap((name) => {
  const report = normalizedReport(REPORT_CATALOG[name]);
  const metrics = metricsOf(name);
  if (report.shape !== 'per-entity') return metrics.length === 0 ? [] : [countsMapping(report, metrics)];
  const event = EVENT_CATALOG.find(
    (candidate) => candidate.entity !== undefined && candidate.entity.kind === report.entity,
  );
  return metrics.length === 0 && event === undefined ? [] : [entityMapping(report, metrics, event)];
});

/**
 * The mappings worth downloading: those whose report produces one of the enabled metrics, or whose rows are
 * wanted as log records (detailReports). A report feeding neither is never requested.
 */
export function reportsFor(
  enabledMetrics: ReadonlySet<string>,
  detailReports: ReadonlySet<ReportName> = new Set(),
): ReportMapping[] {
  return REPORT_MAPPINGS.filter(
    (mapping) =>
      mapping.metrics.some((metric) => enabledMetrics.has(metric)) ||
      (mapping.eventName !== undefined && detailReports.has(mapping.report)),
  );
}
