import {
  type ApiErrorFactory,
  MicrosoftApiError,
  type MicrosoftApiErrorDetails,
} from '@m365-otel/request-pipeline';

export interface ServiceHealthErrorDetails extends MicrosoftApiErrorDetails {}

/**
 * A service health request failed or Graph's answer was not what the documentation promises. The message says which
 * resource and page (and, for a malformed answer, which field); it never contains a token or a URL's query.
 */
export class ServiceHealthError extends MicrosoftApiError {
  constructor(message: string, details: ServiceHealthErrorDetails = {}) {
    super(message, details);
    this.name = 'ServiceHealthError';
  }
}

export const serviceHealthError: ApiErrorFactory = (message, details) =>
  new ServiceHealthError(message, details);
