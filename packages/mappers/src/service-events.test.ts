import { issue, known, message, unknown } from '@m365-otel/service-health-samples';
import { describe, expect, it } from 'vitest';
import { expectMatchesCatalog } from './__fixtures__/event-catalog.js';
import { issueEvent, messageEvent } from './service-events.js';

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
    {
      createdDateTime: '2026-11-23T08:40:00Z',
      postType: known('regular'),
      contentType: 'html',
      content: '<p>Resolved.</p>',
    },
    {
      createdDateTime: '2026-11-23T08:20:00Z',
      postType: known('quick'),
      contentType: 'html',
      content: '<p>Investigating.</p>',
    },
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
