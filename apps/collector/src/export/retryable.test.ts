import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPExporterError } from '@opentelemetry/otlp-exporter-base';
import { describe, expect, it } from 'vitest';
import { ExportTimeoutError, PartialSuccessError } from './otlp-exporter.js';
import { exportRequestOutcome } from './retryable.js';

const failed = (error: Error): ExportResult => ({ code: ExportResultCode.FAILED, error });
const networkError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
const grpcError = (code: number) => Object.assign(new Error(`${code} status`), { code, metadata: {} });

describe('exportRequestOutcome', () => {
  it.each([
    ['an acknowledged export', { code: ExportResultCode.SUCCESS }, 'delivered'],
    ['a partial success', failed(new PartialSuccessError(1, ['item', 'items'], '')), 'partial'],
    ['connection refused', failed(networkError('ECONNREFUSED')), 'retryable'],
    ['connection reset', failed(networkError('ECONNRESET')), 'retryable'],
    ['a DNS failure', failed(networkError('ENOTFOUND')), 'retryable'],
    ['the SDK’s idle timeout', failed(new Error('Request timed out')), 'retryable'],
    ['a trickling answer cut at the timeout', failed(new ExportTimeoutError(10_000)), 'retryable'],
    [
      '429/502/503/504 after the SDK’s own retries (no status)',
      failed(new OTLPExporterError('Export failed with retryable status')),
      'retryable',
    ],
    ['408', failed(new OTLPExporterError('Request Timeout', 408)), 'retryable'],
    ['500', failed(new OTLPExporterError('Internal Server Error', 500)), 'retryable'],
    ['400', failed(new OTLPExporterError('Bad Request', 400)), 'refused'],
    ['401', failed(new OTLPExporterError('Unauthorized', 401)), 'refused'],
    ['403', failed(new OTLPExporterError('Forbidden', 403)), 'refused'],
    ['413', failed(new OTLPExporterError('Payload Too Large', 413)), 'refused'],
    ['gRPC UNAVAILABLE', failed(grpcError(14)), 'retryable'],
    ['gRPC DEADLINE_EXCEEDED', failed(grpcError(4)), 'retryable'],
    ['gRPC RESOURCE_EXHAUSTED', failed(grpcError(8)), 'retryable'],
    ['gRPC INVALID_ARGUMENT', failed(grpcError(3)), 'refused'],
    ['gRPC PERMISSION_DENIED', failed(grpcError(7)), 'refused'],
    ['gRPC UNAUTHENTICATED', failed(grpcError(16)), 'refused'],
  ] as const)('%s is %s', (_name, result, outcome) => {
    expect(exportRequestOutcome(result)).toBe(outcome);
  });
});
