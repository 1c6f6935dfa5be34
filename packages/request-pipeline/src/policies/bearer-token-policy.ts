import { type Logger, NOOP_LOGGER, untilAborted } from '@m365-otel/http';
import { MicrosoftApiError } from '../errors.js';
import { describeRequestUrl, type PipelinePolicy } from '../pipeline.js';

/** An access token for the API; `forceRefresh` when the API refused the previous one. */
export type GetAccessToken = (options?: { forceRefresh?: boolean }) => Promise<string>;

/**
 * Sends `Authorization: Bearer <token>`, only ever to `origin` (the API's), and on a 401 gets a fresh token and
 * sends once more: a token revoked or rotated early is worth one refresh per call, a second 401 is not. Requests
 * with `authenticate: false` (pre-authenticated URLs) pass without a token.
 */
export function bearerTokenPolicy(
  getAccessToken: GetAccessToken,
  origin: string,
  logger: Logger = NOOP_LOGGER,
): PipelinePolicy {
  return {
    name: 'bearer-token',
    async sendRequest(request, next) {
      if (request.authenticate === false) return next(request);
      if (request.url.origin !== origin) {
        throw new MicrosoftApiError(
          `${request.label}: refusing to send the access token to ${describeRequestUrl(request)}: it is only ever sent to ${origin}`,
        );
      }
      const send = async (refresh: { forceRefresh: true } | undefined) => {
        // A token provider may wait out a throttled authority for minutes; the request's deadline still holds.
        const token = await untilAborted(getAccessToken(refresh), request.signal);
        return next({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } });
      };
      const response = await send(undefined);
      if (response.status !== 401 || request.trace.tokenRefreshed) return response;
      request.trace.tokenRefreshed = true;
      await response.body.dump();
      logger.info('the API refused the access token; retrying once with a fresh token', {
        request: request.label,
        clientRequestId: request.trace.clientRequestId,
      });
      return send({ forceRefresh: true });
    },
  };
}
