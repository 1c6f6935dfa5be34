import { setTimeout as sleep } from 'node:timers/promises';

export interface PromSample {
  labels: Record<string, string>;
  value: number;
  timestampMs: number;
}

/** The PromQL HTTP API that VictoriaMetrics and Prometheus both answer. */
export interface PromQl {
  /** Instant query. */
  query(promql: string): Promise<PromSample[]>;
  /**
   * Repeats the query until `done` accepts the answer or 15 s pass, and returns the last answer: new series
   * become searchable shortly after ingestion, not at once.
   */
  queryUntil(promql: string, done: (samples: PromSample[]) => boolean): Promise<PromSample[]>;
  /** Every raw sample of each series a range selector (`{...}[40d]`) picks: past-dated samples included. */
  rawSamples(selector: string): Promise<RawSeries[]>;
}

export interface RawSeries {
  labels: Record<string, string>;
  samples: Array<{ timestampMs: number; value: number }>;
}

/** A PromQL store of OpenTelemetry metrics, with the names it stores them under. */
export interface MetricStore extends PromQl {
  /** For messages: `VictoriaMetrics`, `Prometheus`. */
  name: string;
  /** The name a metric is stored under. */
  metricName(metric: string): string;
  /** The label an attribute (data point or resource) is stored as. */
  labelName(attribute: string): string;
}

/**
 * Every series of `metric` for one tenant whose newest sample is stamped at or after `sinceMs`, so one run's export
 * is told apart from an earlier run's (timestamp() gives each series' newest sample time, not the query step). For
 * a histogram, `part` picks its count or sum series.
 */
export function tenantSeriesSince(
  store: MetricStore,
  metric: string,
  tenantId: string,
  sinceMs: number,
  part?: 'count' | 'sum',
): string {
  const name = part === undefined ? store.metricName(metric) : `${store.metricName(metric)}_${part}`;
  return `{__name__="${name}","${store.labelName('m365.tenant.id')}"="${tenantId}"} and timestamp({__name__="${name}"}) >= ${Math.floor(sinceMs / 1000)}`;
}

/** The attributes among `attributes` that a sample carries, under their OpenTelemetry names. */
export function sampleAttributes(
  store: MetricStore,
  sample: Pick<PromSample, 'labels'>,
  attributes: Iterable<string>,
): Record<string, string> {
  const found: Record<string, string> = {};
  for (const attribute of attributes) {
    const value = sample.labels[store.labelName(attribute)];
    if (value !== undefined) found[attribute] = value;
  }
  return found;
}

/**
 * Calls `read` every 250 ms until `done` accepts what it read or `timeoutMs` pass, and resolves with the last read:
 * fresh samples become searchable shortly after ingestion, not at once.
 */
export async function readUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(250);
  }
}

/** `beforeQuery` runs before each query, e.g. to make freshly ingested samples searchable. */
export function promQl(baseUrl: string, beforeQuery: () => Promise<unknown> = async () => {}): PromQl {
  const api: PromQl = {
    async query(promql) {
      await beforeQuery();
      const response = await fetch(`${baseUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await response.json()) as {
        status: string;
        error?: string;
        data?: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
      };
      if (body.status !== 'success' || !body.data) throw new Error(`query ${promql} failed: ${body.error}`);
      return body.data.result.map((r) => ({
        labels: r.metric,
        value: Number(r.value[1]),
        timestampMs: r.value[0] * 1000,
      }));
    },
    rawSamples: (selector) => rawSamples(baseUrl, selector, beforeQuery),
    async queryUntil(promql, done) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const samples = await api.query(promql);
        if (done(samples) || Date.now() > deadline) return samples;
        await sleep(200);
      }
    },
  };
  return api;
}

async function rawSamples(
  baseUrl: string,
  selector: string,
  beforeQuery: () => Promise<unknown>,
): Promise<RawSeries[]> {
  await beforeQuery();
  const response = await fetch(`${baseUrl}/api/v1/query?query=${encodeURIComponent(selector)}`);
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data?: {
      resultType: string;
      result: Array<{ metric: Record<string, string>; values: [number, string][] }>;
    };
  };
  if (body.status !== 'success' || body.data?.resultType !== 'matrix')
    throw new Error(`query ${selector} failed: ${body.error ?? `a ${body.data?.resultType} result`}`);
  return body.data.result.map((series) => ({
    labels: series.metric,
    samples: series.values.map(([seconds, value]) => ({
      timestampMs: Math.round(seconds * 1000),
      value: Number(value),
    })),
  }));
}
