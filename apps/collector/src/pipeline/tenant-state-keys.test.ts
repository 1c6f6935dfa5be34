import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditCheckpointKey } from '../audit/checkpoint.js';
import { callQualityCursorKey } from '../call-quality/cursor.js';
import { riskCursorKey } from '../governance/risk-cursor.js';
import { latestReportStateKey, reportStateKey } from '../reports/report-state.js';
import { FileStateStore } from '../state/file-store.js';
import { serviceHealthStateKey } from './service-health-state.js';

// Every source keeps its progress under its tenant's id, so tenants in one process (or one state directory) never
// read or overwrite each other's state, and a tenant's files can be moved to another replica as one directory.
const KEYS: Record<string, (tenantId: string) => string> = {
  'service health': serviceHealthStateKey,
  'report-date marks': (tenantId) => reportStateKey(tenantId, 'getEmailActivityCounts'),
  'latest report state': (tenantId) => latestReportStateKey(tenantId, 'getEmailActivityCounts'),
  'audit checkpoint': (tenantId) => auditCheckpointKey(tenantId, 'Audit.Exchange'),
  'call-quality cursor': callQualityCursorKey,
  'risk-detection cursor': riskCursorKey,
};

describe('state keys', () => {
  const tenants = ['0b6a2c1e-1111-4c4c-9d9d-000000000001', '0b6a2c1e-1111-4c4c-9d9d-000000000002'];
  const store = new FileStateStore('/var/lib/m365-otel');

  it.each(Object.entries(KEYS))('the %s of each tenant lives in its own directory', (_, key) => {
    for (const tenantId of tenants) {
      expect(key(tenantId).startsWith(`${tenantId}/`)).toBe(true);
      expect(store.fileOf(key(tenantId)).startsWith(join('/var/lib/m365-otel', tenantId, '/'))).toBe(true);
    }
    expect(key(tenants[0] ?? '')).not.toBe(key(tenants[1] ?? ''));
  });
});
