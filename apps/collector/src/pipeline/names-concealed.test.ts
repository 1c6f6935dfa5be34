import { ReportError } from '@m365-otel/graph-reports';
import type { ReportSnapshot } from '@m365-otel/mappers';
import { describe, expect, it } from 'vitest';
import { createJsonLogger } from '../logging/logger.js';
import { namesConcealed } from './names-concealed.js';

function snapshot(concealedNames: boolean | undefined): ReportSnapshot {
  return {
    report: 'getMailboxUsageDetail',
    reportDate: '2026-03-08',
    observations: [],
    refreshDate: '2026-03-08',
    days: [],
    concealedNames,
    rejectedRows: 0,
    problems: [],
  };
}

function context() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createJsonLogger({ level: 'info', write: (line) => lines.push(JSON.parse(line)) });
  return { lines, context: { signal: new AbortController().signal, logger, announced: new Set<string>() } };
}

const settings = (displayConcealedNames: boolean) => ({
  tenantId: 't',
  reportSettings: async () => ({ displayConcealedNames }),
});
const forbidden = {
  tenantId: 't',
  reportSettings: async () => {
    throw new ReportError('reportSettings: 403 Forbidden', { status: 403 });
  },
};

describe('namesConcealed', () => {
  it('follows the report setting and explains once how to reveal the names', async () => {
    const { lines, context: ctx } = context();
    expect(await namesConcealed(settings(true), [], ctx)).toEqual({
      metric: 'm365.report.names_concealed',
      attributes: {},
      value: 1,
    });
    await namesConcealed(settings(true), [], ctx);
    const explained = lines.filter(
      (line) => line.msg === 'the tenant conceals user, group and site names in its usage reports',
    );
    expect(explained).toHaveLength(1);
    expect(explained[0]?.reveal).toContain('Display concealed user, group, and site names in all reports');
    expect((await namesConcealed(settings(false), [snapshot(true)], ctx))?.value).toBe(0);
  });

  it('falls back on what the rows showed when the setting cannot be read (403)', async () => {
    const { lines, context: ctx } = context();
    expect((await namesConcealed(forbidden, [snapshot(undefined), snapshot(true)], ctx))?.value).toBe(1);
    expect((await namesConcealed(forbidden, [snapshot(false)], ctx))?.value).toBe(0);
    expect(await namesConcealed(forbidden, [snapshot(undefined)], ctx)).toBeUndefined();
    expect(lines.filter((line) => String(line.msg).includes('ReportSettings.Read.All'))).toHaveLength(1);
  });
});
