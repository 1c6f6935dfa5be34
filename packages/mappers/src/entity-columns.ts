/**
 * How a per-entity report's columns become attributes of its log records: ONE rule for every report, so a column
 * Microsoft adds later gets a predictable name too. docs/metrics.md states it and lists what it gives.
 */

/** The attribute a per-entity metric splits its rows by, active or inactive. */
export const ACTIVITY_STATE_ATTRIBUTE = 'm365.activity.state';

/** The column every report carries; a record carries its day as m365.report.date instead. */
export const REPORT_REFRESH_DATE = 'Report Refresh Date';

/** Columns no record carries under the rule (the refresh date is the record's m365.report.date). */
export const RECORD_FIXED_COLUMNS: readonly string[] = [REPORT_REFRESH_DATE];

/** The prefix of every attribute the rule names. */
export const COLUMN_ATTRIBUTE_PREFIX = 'm365.report.';

/** Said in the docs, beside the list of names the rule gives. */
export const COLUMN_ATTRIBUTE_RULE =
  'every other column becomes `m365.report.` followed by its name in lower case, each run of characters other ' +
  'than letters and digits replaced by `_` and a leading `report_` dropped: `Send Count` becomes ' +
  '`m365.report.send_count`, `Storage Used (Byte)` `m365.report.storage_used_byte`, `Report Period` ' +
  '`m365.report.period`.';

/** The attribute name the rule gives a column. */
export function columnAttributeName(column: string): string {
  const snake = column
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return COLUMN_ATTRIBUTE_PREFIX + snake.replace(/^report_/, '');
}
