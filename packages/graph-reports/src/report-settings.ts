import { describeReceivedValue } from '@m365-otel/request-pipeline';

/** The tenant's setting for usage reports (`GET /v1.0/admin/reportSettings`). */
export interface ReportSettings {
  /** True when reports replace user, group and site names by a hash. */
  displayConcealedNames: boolean;
}

/**
 * Reads Graph's answer, in either shape it is seen in: `{ displayConcealedNames }`, or the documentation's
 * `{ value: { displayConcealedNames } }`. Returns why it is not one of them instead, for the caller's error.
 */
export function parseReportSettings(json: unknown): ReportSettings | string {
  if (!isObject(json)) return `expected an object, got ${describeReceivedValue(json)}`;
  const settings = isObject(json.value) ? json.value : json;
  const concealed = settings.displayConcealedNames;
  if (typeof concealed !== 'boolean')
    return `expected displayConcealedNames true or false, got ${describeReceivedValue(concealed)}`;
  return { displayConcealedNames: concealed };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
