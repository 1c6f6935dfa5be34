/** The fixed now of the feed-cursor tests, and an ISO time so many hours before it. */
export const HOUR = 3_600_000;
export const NOW = Date.parse('2026-11-30T12:00:00Z');
export const at = (hoursBeforeNow: number) => new Date(NOW - hoursBeforeNow * HOUR).toISOString();
