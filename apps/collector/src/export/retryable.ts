import type { ExportOutcome as ExportRequestOutcome } from '@m365-otel/mappers';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPExporterError } from '@opentelemetry/otlp-exporter-base';
import { PartialSuccessError } from './otlp-exporter.js';

export type { ExportRequestOutcome };

/**
 * gRPC statuses the OTLP specification calls retryable: CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED,
 * OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS.
 */
const RETRYABLE_GRPC_CODES = new Set([1, 4, 8, 10, 11, 14, 15]);

/**
 * What one export's answer was. The SDK hands every failure back as FAILED with an error, so the kind is read from
 * the error: an HTTP status the OTLP specification calls retryable (408, 429, 5xx; the SDK gives 429, 502, 503 and
 * 504 no status, having retried them itself), a retryable gRPC status, or no answer at all (refused, reset, timed
 * out) is `retryable`; a partial success is `partial`; any other answer (400, 401, 403, 413, ...) is `refused`,
 * since sending the same request again would be refused again.
 */
export function exportRequestOutcome(result: ExportResult): ExportRequestOutcome {
  if (result.code === ExportResultCode.SUCCESS) return 'delivered';
  const error = result.error;
  if (error instanceof PartialSuccessError) return 'partial';
  if (error instanceof OTLPExporterError && typeof error.code === 'number') {
    const status = error.code;
    return status === 408 || status === 429 || status >= 500 ? 'retryable' : 'refused';
  }
  if (isGrpcStatusError(error)) return RETRYABLE_GRPC_CODES.has(error.code) ? 'retryable' : 'refused';
  return 'retryable';
}

/** A @grpc/grpc-js ServiceError: an Error with the numeric status as `code` and the trailers as `metadata`. */
function isGrpcStatusError(error: unknown): error is Error & { code: number } {
  return (
    error instanceof Error && typeof (error as { code?: unknown }).code === 'number' && 'metadata' in error
  );
}
