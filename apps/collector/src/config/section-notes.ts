/**
 * Prose a section of docs/config.md carries below its key table: how its values are read, where one line per key
 * in the schema's descriptions is not enough.
 */
export const SECTION_NOTES: Readonly<Partial<Record<string, readonly string[]>>> = {
  serviceHealth: [
    '### Filters',
    '',
    '```yaml',
    'serviceHealth:',
    '  include:',
    '    services: [Exchange Online, /^microsoft teams$/i]',
    '  exclude:',
    '    features: [/calendar/i]',
    '  healthyStatuses: [serviceOperational, serviceRestored]',
    '```',
    '',
    '- An entry is an exact name, compared case-insensitively, or a regular expression written `/pattern/flags`',
    '  (JavaScript syntax; it matches anywhere in the name unless anchored; the flags `g` and `y` are refused). A',
    '  broken expression stops the configuration with an error naming the entry.',
    '- An include list keeps only what matches one of its entries (an empty list restricts nothing); the exclude',
    '  list then removes what matches one of its entries.',
    "- Service entries match a service's display name (`Exchange Online`) or its id (`Exchange`). They apply to the",
    "  health overviews and to issues (an issue matches by its service's display name, or the id of the overview",
    '  with that name).',
    '- Feature entries match the feature (`Sites`) or the feature group (`SharePoint Features`) of an issue; an issue',
    '  that names no feature fails a non-empty feature include list.',
    '- An issue the filters drop is neither counted in `m365.service.issues` or `m365.service.feature.status` nor',
    '  announced as an event.',
  ],
};
