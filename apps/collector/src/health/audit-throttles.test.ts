import { resourceFromAttributes } from '@opentelemetry/resources';
import { describe, expect, it } from 'vitest';
import { SelfMetrics } from '../export/self-metrics.js';
import { ThrottleNoticingAuditMetrics } from './audit-throttles.js';

describe('ThrottleNoticingAuditMetrics', () => {
  it('counts a throttled answer as before and tells it', async () => {
    const self = new SelfMetrics(resourceFromAttributes({ 'service.name': 'm365-otel' }));
    const noticed: string[] = [];
    const metrics = new ThrottleNoticingAuditMetrics(
      resourceFromAttributes({ 'm365.tenant.id': 't' }),
      self,
      (contentType) => noticed.push(contentType),
    );
    try {
      metrics.throttled('Audit.Exchange');
      expect(noticed).toEqual(['Audit.Exchange']);
      const counted = (await self.collect()).scopeMetrics
        .flatMap((scope) => scope.metrics)
        .find((metric) => metric.descriptor.name === 'm365otel.audit.throttles');
      expect(
        counted?.dataPoints.map((point) => [point.attributes['m365.audit.content_type'], point.value]),
      ).toEqual([['Audit.Exchange', 1]]);
    } finally {
      await Promise.all([metrics.shutdown(), self.shutdown()]);
    }
  });
});
