import type { IssueLike, MessageLike, OverviewLike } from '@m365-otel/mappers';

/** A name as configured: an exact name (compared case-insensitively) or a regular expression. */
export type NameMatcher = string | RegExp;

export interface ServiceHealthFilter {
  includeServices?: readonly NameMatcher[];
  excludeServices?: readonly NameMatcher[];
  includeFeatures?: readonly NameMatcher[];
  excludeFeatures?: readonly NameMatcher[];
}

/** The filter as the configuration spells it: lists of names or "/regex/flags" strings. */
export interface ServiceHealthFilterConfig {
  include?: { services?: readonly string[]; features?: readonly string[] };
  exclude?: { services?: readonly string[]; features?: readonly string[] };
}

// g and y make RegExp#test remember where it stopped, so the same name would match on one call and not the next.
const STATEFUL_FLAGS = /[gy]/;

/**
 * Reads one configured name: "/pattern/flags" is a regular expression (matching anywhere in the name unless
 * anchored), anything else an exact name. Throws a precise error for a broken expression.
 */
export function parseNameMatcher(text: string): NameMatcher {
  if (!text.startsWith('/')) return text;
  const close = text.lastIndexOf('/');
  if (close === 0) {
    throw new SyntaxError(
      `${JSON.stringify(text)} starts with / but has no closing /: write a regular expression as /pattern/flags`,
    );
  }
  const pattern = text.slice(1, close);
  const flags = text.slice(close + 1);
  const stateful = STATEFUL_FLAGS.exec(flags);
  if (stateful !== null) {
    throw new SyntaxError(
      `${JSON.stringify(text)}: flag ${stateful[0]} is not allowed (it makes matching depend on earlier matches)`,
    );
  }
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SyntaxError(`${JSON.stringify(text)} is not a valid regular expression: ${reason}`);
  }
}

/** The configuration's filter as matchers; an error names the entry, e.g. `exclude.features[1]: ...`. */
export function parseServiceHealthFilter(config: ServiceHealthFilterConfig): ServiceHealthFilter {
  const parse = (path: string, texts: readonly string[] | undefined) =>
    texts?.map((text, index) => {
      try {
        return parseNameMatcher(text);
      } catch (error) {
        throw new SyntaxError(`${path}[${index}]: ${(error as Error).message}`);
      }
    });
  const filter: ServiceHealthFilter = {};
  const includeServices = parse('include.services', config.include?.services);
  const excludeServices = parse('exclude.services', config.exclude?.services);
  const includeFeatures = parse('include.features', config.include?.features);
  const excludeFeatures = parse('exclude.features', config.exclude?.features);
  if (includeServices !== undefined) filter.includeServices = includeServices;
  if (excludeServices !== undefined) filter.excludeServices = excludeServices;
  if (includeFeatures !== undefined) filter.includeFeatures = includeFeatures;
  if (excludeFeatures !== undefined) filter.excludeFeatures = excludeFeatures;
  return filter;
}

function matches(matcher: NameMatcher, name: string): boolean {
  return typeof matcher === 'string' ? matcher.toLowerCase() === name.toLowerCase() : matcher.test(name);
}

/**
 * Whether something known by these names passes an include list then an exclude list. An empty or absent
 * include list restricts nothing. The report filters (users, mailboxes, sites, groups) apply the same rule.
 */
export function passes(
  names: readonly string[],
  include: readonly NameMatcher[] | undefined,
  exclude: readonly NameMatcher[] | undefined,
): boolean {
  const any = (matchers: readonly NameMatcher[]) =>
    matchers.some((matcher) => names.some((name) => matches(matcher, name)));
  if (include !== undefined && include.length > 0 && !any(include)) return false;
  return exclude === undefined || !any(exclude);
}

/** An issue or message names its service by display name; the overviews add the service id for the filters. */
function serviceNames(service: string, overviews: readonly OverviewLike[]): string[] {
  const ids = overviews.filter((overview) => overview.service === service).map((overview) => overview.id);
  return [service, ...ids];
}

function issuePasses(
  issue: IssueLike,
  overviews: readonly OverviewLike[],
  filter: ServiceHealthFilter,
): boolean {
  if (!passes(serviceNames(issue.service, overviews), filter.includeServices, filter.excludeServices))
    return false;
  const features = [issue.feature, issue.featureGroup].filter((name): name is string => !!name);
  return passes(features, filter.includeFeatures, filter.excludeFeatures);
}

/**
 * What the filter keeps: overviews by service display name or id; issues by their service (display name, or the
 * id of the overview with that name) and by feature name or feature group. An issue that names no feature fails
 * a non-empty feature include list. Use the kept issues for both the metrics and the events.
 */
export function applyServiceHealthFilter<O extends OverviewLike, I extends IssueLike>(
  input: { overviews: readonly O[]; issues: readonly I[] },
  filter: ServiceHealthFilter = {},
): { overviews: O[]; issues: I[] } {
  return {
    overviews: input.overviews.filter((overview) =>
      passes([overview.service, overview.id], filter.includeServices, filter.excludeServices),
    ),
    issues: input.issues.filter((issue) => issuePasses(issue, input.overviews, filter)),
  };
}

/**
 * The messages the service filters keep: a message passes when one of its services does (by display name, or
 * the id of the overview with that name), or when it names no service. Feature filters do not apply: messages
 * name no feature.
 */
export function filterMessages<M extends MessageLike>(
  messages: readonly M[],
  overviews: readonly OverviewLike[],
  filter: ServiceHealthFilter = {},
): M[] {
  return messages.filter(
    (message) =>
      message.services.length === 0 ||
      message.services.some((service) =>
        passes(serviceNames(service, overviews), filter.includeServices, filter.excludeServices),
      ),
  );
}
