/** The CLI's exit codes: scripts and orchestrators (Kubernetes Jobs, cron) branch on them. */
export const EXIT = {
  ok: 0,
  /** A report could not be read, or the OTLP backend did not acknowledge the export. */
  failed: 1,
  /** Bad usage or an invalid configuration: retrying will not help. */
  usage: 2,
} as const;
