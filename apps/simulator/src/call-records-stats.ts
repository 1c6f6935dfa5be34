/**
 * Request counts of the callRecords API, so tests can prove a collector reads each record once: list pages, record
 * gets (also per id) and pages of sessions read through `sessions@odata.nextLink`.
 */
export interface CallRecordStats {
  callRecordListPages: number;
  callRecordGets: number;
  callRecordGetsById: Record<string, number>;
  callRecordSessionPages: number;
}

export function emptyCallRecordStats(): CallRecordStats {
  return { callRecordListPages: 0, callRecordGets: 0, callRecordGetsById: {}, callRecordSessionPages: 0 };
}
