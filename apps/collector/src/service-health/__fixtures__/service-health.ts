import type { EnumValueLike, IssueLike, MessageLike, OverviewLike } from '@m365-otel/mappers';

/** An enum value as the service-health client hands it over, canonical. */
export const known = (value: string): EnumValueLike => ({ value, known: true });

export function overview(id: string, service: string, status: EnumValueLike): OverviewLike {
  return { id, service, status };
}

/** An open Exchange Online incident; tests override what they are about. */
export function issue(overrides: Partial<IssueLike> = {}): IssueLike {
  return {
    id: 'EX200001',
    title: 'Some users may experience delays receiving email from external senders',
    service: 'Exchange Online',
    feature: 'Mailflow - delayed delivery from Internet',
    featureGroup: 'E-Mail timely delivery',
    classification: known('incident'),
    origin: known('microsoft'),
    status: known('investigating'),
    isResolved: false,
    impactDescription: 'Users may see delays when receiving email from senders outside the organization.',
    startDateTime: '2026-11-23T08:10:00Z',
    endDateTime: null,
    lastModifiedDateTime: '2026-11-23T08:10:00Z',
    posts: [
      {
        createdDateTime: '2026-11-23T08:10:00Z',
        postType: known('regular'),
        content: '<p>We are investigating delays in inbound mail flow.</p>',
      },
    ],
    ...overrides,
  };
}

export function message(overrides: Partial<MessageLike> = {}): MessageLike {
  return {
    id: 'MC200001',
    title: 'Retirement of the legacy Exchange Web Services endpoint',
    category: known('planForChange'),
    severity: known('high'),
    services: ['Exchange Online', 'Microsoft Teams'],
    tags: ['Admin impact', 'Retirement'],
    isMajorChange: true,
    startDateTime: '2026-11-23T08:20:00Z',
    endDateTime: '2027-03-31T07:00:00Z',
    lastModifiedDateTime: '2026-11-23T08:20:00Z',
    actionRequiredByDateTime: '2027-02-28T08:00:00Z',
    bodyContent: '<p>We are retiring the legacy endpoint. Move your applications to Microsoft Graph.</p>',
    ...overrides,
  };
}

/** The tenant of the simulator's timeline after step 3: two Exchange incidents and a SharePoint advisory open. */
export const OVERVIEWS: readonly OverviewLike[] = [
  overview('Exchange', 'Exchange Online', known('serviceInterruption')),
  overview('microsoftteams', 'Microsoft Teams', known('serviceOperational')),
  overview('SharePoint', 'SharePoint Online', known('serviceDegradation')),
];

export const ISSUES: readonly IssueLike[] = [
  issue({
    id: 'EX100001',
    title: 'Users could not access their mailboxes',
    feature: 'E-Mail and calendar access',
    featureGroup: 'E-Mail and calendar access',
    status: known('serviceRestored'),
    isResolved: true,
    startDateTime: '2026-11-20T09:00:00Z',
    endDateTime: '2026-11-20T11:00:00Z',
    lastModifiedDateTime: '2026-11-20T11:05:00Z',
  }),
  issue({ status: known('restoringService'), lastModifiedDateTime: '2026-11-23T08:30:00Z' }),
  issue({
    id: 'SP200002',
    title: 'Some SharePoint Online sites load slowly',
    service: 'SharePoint Online',
    feature: 'Sites',
    featureGroup: 'SharePoint Features',
    classification: known('advisory'),
    status: known('serviceDegradation'),
    lastModifiedDateTime: '2026-11-23T08:20:00Z',
  }),
  issue({
    id: 'EX200003',
    title: 'Users cannot access their mailboxes',
    feature: 'E-Mail and calendar access',
    featureGroup: 'E-Mail and calendar access',
    status: known('serviceInterruption'),
    lastModifiedDateTime: '2026-11-23T08:30:00Z',
  }),
];
