/** How a value may appear in a config error: verbatim, or only by its shape. */
export interface Disclosure {
  /** The value came from `${env:}` or `${file:}`, or sits in a field that could hold a secret. */
  hidden: boolean;
}

const SHOWN_LENGTH = 60;

/**
 * A short rendering of a config value for an error message. A hidden string is described by its shape only (a
 * secret pasted into `clientId` is an easy swap, and a substituted value is whatever the environment holds); a
 * multi-line string is never quoted either, as that is what a pasted PEM key looks like.
 */
export function describeValue(value: unknown, disclosure: Disclosure = { hidden: false }): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value !== 'string') return String(value);
  if (disclosure.hidden || /[\r\n]/.test(value)) return describeShape(value);
  return JSON.stringify(value.length > SHOWN_LENGTH ? `${value.slice(0, SHOWN_LENGTH - 3)}...` : value);
}

function describeShape(text: string): string {
  const lines = text.split(/\r\n|\r|\n/).length;
  return `a ${text.length}-character string${lines > 1 ? ` of ${lines} lines` : ''}`;
}
