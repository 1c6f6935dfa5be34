// The few kinds of panel the dashboards use, typed against @grafana/schema (the dashboard JSON model Grafana itself
// generates its types from), so tsc checks the shape of what is written. The panels' own option defaults come from
// the same package: a dashboard says only what it changes.
import {
  BarGaugeDisplayMode,
  BarGaugeNamePlacement,
  BarGaugeSizing,
  BarGaugeValueMode,
  BigValueColorMode,
  BigValueGraphMode,
  BigValueJustifyMode,
  BigValueTextMode,
  type Dashboard,
  type DataQuery,
  type DataSourceRef,
  defaultDashboard,
  FieldColorModeId,
  type FieldConfigSource,
  LegendDisplayMode,
  MappingType,
  type Panel,
  PercentChangeColorMode,
  type RowPanel,
  SortOrder,
  TableCellHeight,
  type ThresholdsConfig,
  ThresholdsMode,
  TooltipDisplayMode,
  type VariableModel,
  VariableRefresh,
  VariableSort,
  VisibilityMode,
  VizOrientation,
} from '@grafana/schema';
import {
  type Options as BarGaugeOptions,
  pluginVersion as barGaugeVersion,
} from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import {
  type Options as StatOptions,
  pluginVersion as statVersion,
} from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import {
  defaultFieldConfig as defaultStateTimelineFieldConfig,
  type Options as StateTimelineOptions,
  pluginVersion as stateTimelineVersion,
} from '@grafana/schema/dist/esm/raw/composable/statetimeline/panelcfg/x/StateTimelinePanelCfg_types.gen';
import {
  type Options as TableOptions,
  pluginVersion as tableVersion,
} from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';
import {
  type Options as TimeSeriesOptions,
  pluginVersion as timeSeriesVersion,
} from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';
import { METRIC_M365OTEL_SOURCE_STALENESS } from '@m365-otel/mappers';
import { seriesName, TENANT_LABEL, TENANT_VARIABLE } from './promql.ts';

/** The dashboards' datasource variable: any Prometheus-compatible store the Collector writes to. */
export const DATASOURCE_VARIABLE = 'datasource';
const DATASOURCE: DataSourceRef = { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` };

/** A query of Grafana's Prometheus datasource (its fields beyond DataQuery, as the datasource stores them). */
export interface PrometheusQuery extends DataQuery {
  expr: string;
  legendFormat?: string;
  /** An instant query: one value per series, at the end of the range (tables, stats of the current state). */
  instant: boolean;
  range: boolean;
  format: 'time_series' | 'table';
}

export interface QuerySpec {
  expr: string;
  legend?: string;
}

/** Units Grafana formats (its unit ids). */
export type Unit =
  | 'short'
  | 'bytes'
  | 's'
  | 'dtdurations'
  | 'percentunit'
  | 'reqps'
  | 'none'
  | 'dateTimeFromNow';

interface CommonSpec {
  title: string;
  /** What the panel shows and where the figure comes from; Grafana shows it on the panel's (i). */
  description: string;
  queries: readonly QuerySpec[];
  unit?: Unit;
  /** Grid width of 24; default 8. */
  width?: number;
  /** Grid rows; default 8. */
  height?: number;
  /** Steps above a base colour: `[[7 * 86400, 'orange']]`. */
  thresholds?: ReadonlyArray<readonly [number, string]>;
  /** The colour below the first step; default green. */
  baseColor?: string;
  /** What to show when a query has no series: a counter that never counted (no failure yet) shows 0. */
  noValue?: string;
  min?: number;
  max?: number;
  /** Values shown as text in a colour (a state metric's 0 and 1). */
  mappings?: ReadonlyArray<{ value: number; text: string; color: string }>;
}

export type PanelSpec =
  | (CommonSpec & { kind: 'timeseries'; stack?: boolean })
  | (CommonSpec & { kind: 'stat' })
  | (CommonSpec & { kind: 'bargauge' })
  | (CommonSpec & { kind: 'table' })
  | (CommonSpec & { kind: 'state-timeline' });

export interface RowSpec {
  kind: 'row';
  title: string;
}

function thresholds(spec: CommonSpec): ThresholdsConfig {
  return {
    mode: ThresholdsMode.Absolute,
    steps: [
      // Grafana's base step has no value (null in its JSON): it holds from minus infinity.
      { value: null as unknown as number, color: spec.baseColor ?? 'green' },
      ...(spec.thresholds ?? []).map(([value, color]) => ({ value, color })),
    ],
  };
}

function fieldConfig(spec: PanelSpec): FieldConfigSource {
  const custom =
    spec.kind === 'timeseries'
      ? {
          drawStyle: 'line',
          lineWidth: 1,
          fillOpacity: spec.stack ? 30 : 10,
          stacking: { mode: spec.stack ? 'normal' : 'none', group: 'A' },
        }
      : spec.kind === 'state-timeline'
        ? { ...defaultStateTimelineFieldConfig }
        : undefined;
  return {
    defaults: {
      unit: spec.unit ?? 'short',
      ...(spec.min !== undefined && { min: spec.min }),
      ...(spec.max !== undefined && { max: spec.max }),
      ...(spec.noValue !== undefined && { noValue: spec.noValue }),
      ...(spec.mappings !== undefined && {
        mappings: [
          {
            type: MappingType.ValueToText,
            options: Object.fromEntries(
              spec.mappings.map(({ value, text, color }, index) => [String(value), { text, color, index }]),
            ),
          },
        ],
      }),
      color: {
        mode:
          spec.thresholds === undefined && spec.kind === 'timeseries'
            ? FieldColorModeId.PaletteClassic
            : FieldColorModeId.Thresholds,
      },
      thresholds: thresholds(spec),
      ...(custom !== undefined && { custom }),
    },
    overrides: [],
  };
}

const REDUCE_LAST = { calcs: ['lastNotNull'], fields: '', values: false };

function options(spec: PanelSpec): Record<string, unknown> {
  switch (spec.kind) {
    case 'timeseries':
      return {
        legend: {
          showLegend: true,
          displayMode: LegendDisplayMode.Table,
          placement: 'right',
          calcs: ['lastNotNull', 'max'],
        },
        tooltip: { mode: TooltipDisplayMode.Multi, sort: SortOrder.Descending },
      } satisfies TimeSeriesOptions as Record<string, unknown>;
    case 'stat':
      return {
        colorMode: BigValueColorMode.Value,
        graphMode: BigValueGraphMode.None,
        justifyMode: BigValueJustifyMode.Auto,
        textMode: BigValueTextMode.Auto,
        percentChangeColorMode: PercentChangeColorMode.Standard,
        showPercentChange: false,
        wideLayout: true,
        orientation: VizOrientation.Auto,
        reduceOptions: REDUCE_LAST,
      } satisfies StatOptions as Record<string, unknown>;
    case 'bargauge':
      return {
        displayMode: BarGaugeDisplayMode.Gradient,
        valueMode: BarGaugeValueMode.Color,
        namePlacement: BarGaugeNamePlacement.Auto,
        sizing: BarGaugeSizing.Auto,
        showUnfilled: true,
        minVizHeight: 16,
        minVizWidth: 8,
        maxVizHeight: 300,
        orientation: VizOrientation.Horizontal,
        reduceOptions: REDUCE_LAST,
        legend: { showLegend: false, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] },
      } satisfies BarGaugeOptions as Record<string, unknown>;
    case 'table':
      return {
        frameIndex: 0,
        showHeader: true,
        cellHeight: TableCellHeight.Sm,
      } satisfies TableOptions as Record<string, unknown>;
    case 'state-timeline':
      return {
        rowHeight: 0.9,
        showValue: VisibilityMode.Auto,
        mergeValues: true,
        legend: { showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] },
        tooltip: { mode: TooltipDisplayMode.Single, sort: SortOrder.None },
      } satisfies StateTimelineOptions as Record<string, unknown>;
  }
}

const PLUGIN_VERSIONS: Readonly<Record<PanelSpec['kind'], string>> = {
  timeseries: timeSeriesVersion,
  stat: statVersion,
  bargauge: barGaugeVersion,
  table: tableVersion,
  'state-timeline': stateTimelineVersion,
};

/** Stats, gauges and tables show the current state: an instant query. Graphs and timelines a range. */
function queries(spec: PanelSpec): PrometheusQuery[] {
  const instant = spec.kind === 'stat' || spec.kind === 'bargauge' || spec.kind === 'table';
  return spec.queries.map((query, index) => ({
    refId: String.fromCharCode(65 + index),
    datasource: DATASOURCE,
    expr: query.expr,
    ...(query.legend !== undefined && { legendFormat: query.legend }),
    instant,
    range: !instant,
    format: spec.kind === 'table' ? 'table' : 'time_series',
  }));
}

/**
 * A table of an instant query shows each series' labels as columns: the time and the label names of the
 * Collector's own resource (job, instance) say nothing here, so they are hidden.
 */
const TABLE_TRANSFORMATIONS = [
  {
    id: 'organize',
    options: {
      excludeByName: { Time: true, __name__: true, job: true, instance: true },
      renameByName: { Value: 'value' },
    },
  },
];

const GRID_WIDTH = 24;

/** Panels laid out left to right in rows of 24, a row header starting a new line; ids count from 1. */
export function layout(items: ReadonlyArray<PanelSpec | RowSpec>): Array<Panel | RowPanel> {
  const panels: Array<Panel | RowPanel> = [];
  let x = 0;
  let y = 0;
  let lineHeight = 0;
  for (const [index, item] of items.entries()) {
    const id = index + 1;
    if (item.kind === 'row') {
      y += lineHeight;
      x = 0;
      lineHeight = 0;
      panels.push({
        type: 'row',
        id,
        title: item.title,
        collapsed: false,
        panels: [],
        gridPos: { x: 0, y, w: GRID_WIDTH, h: 1 },
      });
      y += 1;
      continue;
    }
    const w = item.width ?? 8;
    const h = item.height ?? 8;
    if (w > GRID_WIDTH) throw new Error(`${item.title}: wider than the grid`);
    if (x + w > GRID_WIDTH) {
      y += lineHeight;
      x = 0;
      lineHeight = 0;
    }
    const panel: Panel = {
      type: item.kind,
      id,
      title: item.title,
      description: item.description,
      datasource: DATASOURCE,
      gridPos: { x, y, w, h },
      fieldConfig: fieldConfig(item),
      options: options(item),
      pluginVersion: PLUGIN_VERSIONS[item.kind],
      // Panel types its targets loosely; PrometheusQuery is what Grafana's Prometheus datasource stores.
      targets: queries(item) as unknown as Array<Record<string, unknown>>,
      ...(item.kind === 'table' && { transformations: TABLE_TRANSFORMATIONS }),
    };
    panels.push(panel);
    x += w;
    lineHeight = Math.max(lineHeight, h);
  }
  return panels;
}

/**
 * The tenant variable lists the tenants of m365otel.source.staleness: every source of every tenant sets it once it
 * delivered anything, whichever sources a deployment turns on.
 */
const TENANT_METRIC = seriesName(METRIC_M365OTEL_SOURCE_STALENESS);

function variables(): VariableModel[] {
  return [
    {
      type: 'datasource',
      name: DATASOURCE_VARIABLE,
      label: 'Data source',
      query: 'prometheus',
      refresh: VariableRefresh.onDashboardLoad,
      regex: '',
      hide: 0,
    },
    {
      type: 'query',
      name: TENANT_VARIABLE,
      label: 'Tenant',
      description: 'The Microsoft Entra tenant IDs (the m365.tenant.id resource attribute) to show.',
      datasource: DATASOURCE,
      query: `label_values(${TENANT_METRIC}, ${TENANT_LABEL})`,
      refresh: VariableRefresh.onTimeRangeChanged,
      multi: true,
      includeAll: true,
      // Every tenant, also one that appeared after the dashboard loaded.
      allValue: '.*',
      sort: VariableSort.alphabeticalAsc,
      regex: '',
      hide: 0,
    },
  ];
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  items: ReadonlyArray<PanelSpec | RowSpec>;
  /** Default time range, e.g. `now-7d`. */
  from: string;
}

export const DASHBOARD_TAG = 'm365-otel';

export function dashboard(spec: DashboardSpec): Dashboard {
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: [DASHBOARD_TAG, 'microsoft-365'],
    editable: true,
    // Microsoft's report days and the audit log's timestamps are UTC days and times.
    timezone: 'utc',
    graphTooltip: 1,
    refresh: '5m',
    time: { from: spec.from, to: 'now' },
    schemaVersion: defaultDashboard.schemaVersion,
    links: [
      {
        title: 'm365-otel dashboards',
        type: 'dashboards',
        tags: [DASHBOARD_TAG],
        asDropdown: true,
        includeVars: true,
        keepTime: true,
        icon: 'external link',
        targetBlank: false,
        tooltip: '',
        url: '',
      },
    ],
    annotations: { list: [] },
    templating: { list: variables() },
    panels: layout(spec.items),
  };
}
