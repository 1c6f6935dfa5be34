/** Events not acknowledged by the OTLP backend, or only in part; the message carries the exporter's reasons. */
export class EventExportError extends Error {
  /** `what`: the events, as the message names them (`service-health events`). */
  constructor(what: string, errors: readonly string[]) {
    super(`the OTLP backend did not acknowledge the ${what}: ${errors.join('; ')}`);
    this.name = 'EventExportError';
  }
}
