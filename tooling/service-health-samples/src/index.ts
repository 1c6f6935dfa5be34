// Service-health items written out as the service-health client returns them, for the unit tests of what consumes
// them: the mappers, and the collector's filters and announcements.

import type {
  EnumValue,
  ServiceHealthIssue,
  ServiceHealthOverview,
  ServiceUpdateMessage,
} from '@m365-otel/service-health';

/** An enum value as the service-health client hands it over: canonical when known, as sent when not. */
export const known = (value: string): EnumValue => ({ value, known: true });
export const unknown = (value: string): EnumValue => ({ value, known: false });

export function overview(id: string, service: string, status: EnumValue): ServiceHealthOverview {
  return { id, service, status };
}

/** An open Exchange Online incident; tests override what they are about. */
export function issue(overrides: Partial<ServiceHealthIssue> = {}): ServiceHealthIssue {
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
        contentType: 'html',
        content: '<p>We are investigating delays in inbound mail flow.</p>',
      },
    ],
    details: [],
    ...overrides,
  };
}

export function message(overrides: Partial<ServiceUpdateMessage> = {}): ServiceUpdateMessage {
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
    bodyContentType: 'html',
    bodyContent: '<p>We are retiring the legacy endpoint. Move your applications to Microsoft Graph.</p>',
    ...overrides,
  };
}

/** The tenant of the simulator's timeline after step 3: two Exchange incidents and a SharePoint advisory open. */
export const OVERVIEWS: readonly ServiceHealthOverview[] = [
  overview('Exchange', 'Exchange Online', known('serviceInterruption')),
  overview('microsoftteams', 'Microsoft Teams', known('serviceOperational')),
  overview('SharePoint', 'SharePoint Online', known('serviceDegradation')),
];

export const ISSUES: readonly ServiceHealthIssue[] = [
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
