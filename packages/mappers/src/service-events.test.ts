import { describe, expect, it } from 'vitest';
import { issue, known, message, unknown } from './__fixtures__/service-health.js';
import { EVENT_CATALOG, type EventDefinition } from './catalog.js';
import {
  diffIssues,
  diffMessages,
  type EventRecord,
  issueEvent,
  issueVersion,
  messageEvent,
  messageVersion,
} from './service-events.js';
import type { IssueLike, MessageLike } from './service-types.js';

function definitionOf(name: string): EventDefinition {
  const definition = EVENT_CATALOG.find((event) => event.name === name);
  if (definition === undefined) throw new Error(`no event ${name} in the catalog`);
  return definition;
}

/** The record uses only the catalog's attributes, with their types, every 'always' one present. */
function expectMatchesCatalog(record: EventRecord): void {
  const definition = definitionOf(record.eventName);
  const declared = new Map(definition.attributes.map((attribute) => [attribute.name, attribute]));
  for (const [name, value] of Object.entries(record.attributes)) {
    const attribute = declared.get(name);
    expect(attribute, name).toBeDefined();
    expect(typeof value, name).toBe(attribute?.type);
  }
  for (const attribute of definition.attributes.filter((candidate) => candidate.presence === 'always')) {
    expect(Object.keys(record.attributes)).toContain(attribute.name);
  }
  expect(Object.keys(record.body)).toEqual(definition.body.map((field) => field.name));
}

const RESOLVED = issue({
  id: 'SP200002',
  title: 'Some SharePoint Online sites load slowly',
  service: 'SharePoint Online',
  feature: null,
  featureGroup: null,
  classification: known('advisory'),
  origin: unknown('partner'),
  status: known('serviceRestored'),
  isResolved: true,
  endDateTime: '2026-11-23T08:40:00Z',
  lastModifiedDateTime: '2026-11-23T08:41:00Z',
  posts: [
    { createdDateTime: '2026-11-23T08:40:00Z', postType: known('regular'), content: '<p>Resolved.</p>' },
    { createdDateTime: '2026-11-23T08:20:00Z', postType: known('quick'), content: '<p>Investigating.</p>' },
  ],
});

describe('issueEvent', () => {
  it('describes an open issue', () => {
    const record = issueEvent(issue(), 'opened');
    expect(record).toEqual({
      eventName: 'm365.service.issue',
      timestamp: '2026-11-23T08:10:00Z',
      attributes: {
        'm365.service.name': 'Exchange Online',
        'm365.service.feature.name': 'Mailflow - delayed delivery from Internet',
        'm365.service.feature.group': 'E-Mail timely delivery',
        'm365.service.issue.id': 'EX200001',
        'm365.service.issue.classification': 'incident',
        'm365.service.issue.status': 'investigating',
        'm365.service.issue.origin': 'microsoft',
        'm365.service.issue.change': 'opened',
        'm365.service.issue.start_time': '2026-11-23T08:10:00Z',
        'm365.service.issue.resolved': false,
      },
      body: {
        title: 'Some users may experience delays receiving email from external senders',
        impactDescription: 'Users may see delays when receiving email from senders outside the organization.',
        latestPost: {
          createdDateTime: '2026-11-23T08:10:00Z',
          postType: 'regular',
          content: '<p>We are investigating delays in inbound mail flow.</p>',
        },
        postCount: 1,
      },
    });
    expectMatchesCatalog(record);
  });

  it('describes a resolved issue without a feature: end time set, feature attributes left out', () => {
    const record = issueEvent(RESOLVED, 'resolved');
    expect(record).toEqual({
      eventName: 'm365.service.issue',
      timestamp: '2026-11-23T08:41:00Z',
      attributes: {
        'm365.service.name': 'SharePoint Online',
        'm365.service.issue.id': 'SP200002',
        'm365.service.issue.classification': 'advisory',
        'm365.service.issue.status': 'serviceRestored',
        'm365.service.issue.origin': 'partner',
        'm365.service.issue.change': 'resolved',
        'm365.service.issue.start_time': '2026-11-23T08:10:00Z',
        'm365.service.issue.end_time': '2026-11-23T08:40:00Z',
        'm365.service.issue.resolved': true,
      },
      body: {
        title: 'Some SharePoint Online sites load slowly',
        impactDescription: 'Users may see delays when receiving email from senders outside the organization.',
        // The newest post by creation time, not the last one in the list.
        latestPost: {
          createdDateTime: '2026-11-23T08:40:00Z',
          postType: 'regular',
          content: '<p>Resolved.</p>',
        },
        postCount: 2,
      },
    });
    expectMatchesCatalog(record);
  });

  it('gives an issue without posts a null latest post', () => {
    expect(issueEvent(issue({ posts: [] }), 'updated').body).toMatchObject({
      latestPost: null,
      postCount: 0,
    });
  });
});

describe('messageEvent', () => {
  it('describes a message', () => {
    const record = messageEvent(message(), 'published');
    expect(record).toEqual({
      eventName: 'm365.service.message',
      timestamp: '2026-11-23T08:20:00Z',
      attributes: {
        'm365.service.message.id': 'MC200001',
        'm365.service.message.category': 'planForChange',
        'm365.service.message.severity': 'high',
        'm365.service.message.change': 'published',
        'm365.service.message.is_major_change': true,
        'm365.service.names': 'Exchange Online, Microsoft Teams',
        'm365.service.message.start_time': '2026-11-23T08:20:00Z',
        'm365.service.message.end_time': '2027-03-31T07:00:00Z',
        'm365.service.message.action_required_by': '2027-02-28T08:00:00Z',
      },
      body: {
        title: 'Retirement of the legacy Exchange Web Services endpoint',
        tags: ['Admin impact', 'Retirement'],
        content: '<p>We are retiring the legacy endpoint. Move your applications to Microsoft Graph.</p>',
      },
    });
    expectMatchesCatalog(record);
  });

  it('leaves out the services, end and deadline when Microsoft sends none', () => {
    const record = messageEvent(
      message({
        services: [],
        endDateTime: null,
        actionRequiredByDateTime: null,
        isMajorChange: false,
        category: known('stayInformed'),
        severity: known('normal'),
      }),
      'updated',
    );
    expect(record.attributes).toEqual({
      'm365.service.message.id': 'MC200001',
      'm365.service.message.category': 'stayInformed',
      'm365.service.message.severity': 'normal',
      'm365.service.message.change': 'updated',
      'm365.service.message.is_major_change': false,
      'm365.service.message.start_time': '2026-11-23T08:20:00Z',
    });
    expectMatchesCatalog(record);
  });
});

describe('issueVersion', () => {
  const base = issue();

  it('ignores a change of lastModifiedDateTime alone, and of the title', () => {
    expect(issueVersion(issue({ lastModifiedDateTime: '2026-11-23T09:00:00Z' }))).toBe(issueVersion(base));
    expect(issueVersion(issue({ title: 'Delays receiving external email' }))).toBe(issueVersion(base));
  });

  it.each<[string, Partial<IssueLike>]>([
    ['status', { status: known('serviceDegradation') }],
    ['impact description', { impactDescription: 'Inbound mail is delayed by up to an hour.' }],
    ['resolution', { isResolved: true }],
    ['classification', { classification: known('advisory') }],
    ['feature', { feature: 'Mailflow' }],
    ['feature group', { featureGroup: 'E-Mail delivery' }],
    ['number of posts', { posts: [] }],
  ])('changes with the %s', (_what, change) => {
    expect(issueVersion(issue(change))).not.toBe(issueVersion(base));
  });

  it('is stable and tells whether the issue is resolved', () => {
    expect(issueVersion(issue())).toBe(issueVersion(base));
    expect(issueVersion(base)).toMatch(/^open:[\w-]{43}$/);
    expect(issueVersion(RESOLVED)).toMatch(/^resolved:[\w-]{43}$/);
  });
});

describe('messageVersion', () => {
  const base = message();
  it.each<[string, Partial<MessageLike>]>([
    ['lastModifiedDateTime', { lastModifiedDateTime: '2026-11-23T09:00:00Z' }],
    ['title', { title: '(Updated) Retirement of the legacy Exchange Web Services endpoint' }],
    ['body', { bodyContent: '<p>Updated.</p>' }],
  ])('changes with the %s', (_what, change) => {
    expect(messageVersion(message(change))).not.toBe(messageVersion(base));
  });

  it('is stable', () => {
    expect(messageVersion(message({ tags: ['Updated message'] }))).toBe(messageVersion(base));
  });
});

describe('diffIssues', () => {
  const opened = issue({ id: 'EX200001' });
  const resolved = issue({ id: 'EX100001', isResolved: true, status: known('serviceRestored') });
  const versions = (...issues: IssueLike[]) => new Map(issues.map((item) => [item.id, issueVersion(item)]));
  const changes = (previous: ReadonlyMap<string, string>, issues: IssueLike[], firstRun = false) =>
    diffIssues(previous, issues, firstRun).map(({ issue: item, change }) => `${item.id}:${change}`);

  it('announces the open issues on the first run and takes the resolved ones as history', () => {
    expect(changes(new Map(), [resolved, opened], true)).toEqual(['EX200001:opened']);
  });

  it('announces a new issue on a later run: opened, or resolved when it is resolved already', () => {
    expect(changes(new Map(), [resolved, opened])).toEqual(['EX100001:resolved', 'EX200001:opened']);
  });

  it('announces nothing for unchanged issues, nor for a change of lastModifiedDateTime alone', () => {
    const previous = versions(opened, resolved);
    expect(changes(previous, [opened, resolved])).toEqual([]);
    expect(changes(previous, [issue({ lastModifiedDateTime: '2026-11-23T09:00:00Z' }), resolved])).toEqual(
      [],
    );
  });

  it('announces updated and resolved issues', () => {
    const previous = versions(opened, resolved);
    const degraded = issue({ status: known('serviceDegradation') });
    const fixed = issue({
      status: known('serviceRestored'),
      isResolved: true,
      endDateTime: '2026-11-23T10:00:00Z',
    });
    const reviewed = issue({
      id: 'EX100001',
      isResolved: true,
      status: known('postIncidentReviewPublished'),
    });
    expect(changes(previous, [degraded, resolved])).toEqual(['EX200001:updated']);
    expect(changes(previous, [fixed, reviewed])).toEqual(['EX200001:resolved', 'EX100001:updated']);
  });

  it('announces a reopened issue as updated', () => {
    const reopened = issue({ id: 'EX100001', status: known('investigating') });
    expect(changes(versions(resolved), [reopened])).toEqual(['EX100001:updated']);
  });

  it('hands back the issue objects it was given', () => {
    const [first] = diffIssues(new Map(), [opened], true);
    expect(first?.issue).toBe(opened);
  });
});

describe('diffMessages', () => {
  const first = message({ id: 'MC100001' });
  const second = message({ id: 'MC200001' });

  it('publishes every message not announced yet, and nothing when nothing changed', () => {
    expect(
      diffMessages(new Map(), [first, second]).map(({ message: item, change }) => `${item.id}:${change}`),
    ).toEqual(['MC100001:published', 'MC200001:published']);
    const previous = new Map([first, second].map((item) => [item.id, messageVersion(item)]));
    expect(diffMessages(previous, [first, second])).toEqual([]);
  });

  it('announces a changed message as updated', () => {
    const previous = new Map([first, second].map((item) => [item.id, messageVersion(item)]));
    const updated = message({
      id: 'MC200001',
      title: '(Updated) Retirement',
      lastModifiedDateTime: '2026-11-23T09:00:00Z',
    });
    expect(diffMessages(previous, [first, updated])).toEqual([{ message: updated, change: 'updated' }]);
  });
});
