import { MicrosoftApiError, type MicrosoftApiErrorDetails } from '@m365-otel/request-pipeline';

/**
 * A directory request failed or Graph's answer was not what the documentation promises. The message names the
 * collection and page (and, for a malformed answer, the field); it never contains a token or a URL's query. On 403
 * `permission` is the application permission to grant.
 */
export class DirectoryError extends MicrosoftApiError {
  constructor(message: string, details: MicrosoftApiErrorDetails = {}) {
    super(message, details);
    this.name = 'DirectoryError';
  }
}
