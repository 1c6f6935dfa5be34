// The shipped Grafana dashboards (deploy/grafana/dashboards), generated from TypeScript: `node
// tooling/dashboards/scripts/generate.ts` from the repository root rewrites them, and a test fails while a committed
// file differs from what the generator makes.
import type { Dashboard, Panel, RowPanel } from '@grafana/schema';
import { formatWithBiome, type GeneratedFile } from '@m365-otel/codegen';
import { auditDashboard } from './dashboards/audit.ts';
import { collectorDashboard } from './dashboards/collector.ts';
import { governanceDashboard } from './dashboards/governance.ts';
import { serviceHealthDashboard } from './dashboards/service-health.ts';
import { usageDashboard } from './dashboards/usage.ts';
import type { PrometheusQuery } from './grafana.ts';

export { DATASOURCE_VARIABLE, type PrometheusQuery } from './grafana.ts';
// The PromQL builders, for anything else that queries the catalog's metrics in Prometheus (alert rules).
export {
  by,
  increaseBy,
  label,
  labels,
  legend,
  perTenant,
  quantileBy,
  RANGE,
  RATE_INTERVAL,
  rateBy,
  select,
  seriesName,
  sumBy,
  TENANT_LABEL,
  TENANT_VARIABLE,
} from './promql.ts';
// The PromQL reference check of what ships in deploy/: the dashboards' queries and the alert rules.
export {
  type LabelMatcher,
  metricNamesIn,
  type PromQlReferences,
  promQlReferences,
  unknownReferences,
} from './promql-references.ts';

export const GENERATE_COMMAND = 'node tooling/dashboards/scripts/generate.ts';
export const DASHBOARDS_DIRECTORY = 'deploy/grafana/dashboards';

/** Each dashboard and the file it is written to, named by its uid. */
export const DASHBOARDS: readonly Dashboard[] = [
  usageDashboard,
  serviceHealthDashboard,
  governanceDashboard,
  auditDashboard,
  collectorDashboard,
];

export function dashboardPath(dashboard: Dashboard): string {
  return `${DASHBOARDS_DIRECTORY}/${dashboard.uid}.json`;
}

/** The dashboards' files as the generator writes them: Grafana's JSON model, formatted as Biome checks it. */
export function generateDashboardFiles(): GeneratedFile[] {
  return DASHBOARDS.map((dashboard) => {
    const path = dashboardPath(dashboard);
    return { path, content: formatWithBiome(path, `${JSON.stringify(dashboard, null, 2)}\n`) };
  });
}

/** The panels of a dashboard, those inside collapsed rows too. */
export function panelsOf(dashboard: Dashboard): Panel[] {
  return (dashboard.panels ?? []).flatMap((panel) =>
    panel.type === 'row' ? (panel as RowPanel).panels : [panel as Panel],
  );
}

/** A panel's Prometheus queries. */
export function queriesOf(panel: Panel): PrometheusQuery[] {
  return (panel.targets ?? []) as unknown as PrometheusQuery[];
}
