// What a dashboard's PromQL names: its metric names, told apart from functions, keywords and labels without a
// PromQL parser. The dashboards' own tests and the end-to-end test use it to check every name against the catalog.

/** PromQL words that are not metric names where they stand outside a function call. */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
]);

/** The metric names an expression selects. */
export function metricNamesIn(expr: string): string[] {
  const bare = expr
    // String literals (matcher values, label_replace arguments) may hold anything.
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    // Label matchers and range or subquery windows.
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    // Label lists of grouping and vector matching.
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const word = match[0];
    const after = bare.slice((match.index ?? 0) + word.length).trimStart();
    if (after.startsWith('(') || KEYWORDS.has(word.toLowerCase())) continue;
    // A number's exponent or a duration's unit does not start a word after a digit.
    const before = bare[(match.index ?? 0) - 1];
    if (before !== undefined && /[0-9.]/.test(before)) continue;
    names.add(word);
  }
  return [...names];
}
