import { type EventRecord, type IssueLike, issueEvent } from '@m365-otel/mappers';
import { describe, expect, it } from 'vitest';
import { OpenIssues } from './open-issues.js';

const value = (text: string) => ({ value: text, known: true });

function issue(id: string, overrides: Partial<IssueLike> = {}): IssueLike {
  return {
    id,
    title: `title of ${id}`,
    service: 'Exchange Online',
    feature: null,
    featureGroup: null,
    classification: value('incident'),
    status: value('investigating'),
    origin: value('microsoft'),
    isResolved: false,
    startDateTime: '2026-01-01T00:00:00Z',
    endDateTime: null,
    lastModifiedDateTime: '2026-01-01T00:00:00Z',
    impactDescription: 'impact',
    posts: [],
    ...overrides,
  };
}

describe('OpenIssues', () => {
  it('adds opened issues, replaces updated ones and drops resolved ones', () => {
    const open = new OpenIssues();
    open.add([
      issueEvent(issue('EX1', { feature: 'Mailflow' }), 'opened'),
      issueEvent(issue('SP2', { service: 'SharePoint Online' }), 'opened'),
    ]);
    open.add([issueEvent(issue('EX1', { status: value('serviceDegradation') }), 'updated')]);
    expect(open.list()).toEqual([
      {
        id: 'EX1',
        service: 'Exchange Online',
        feature: undefined,
        classification: 'incident',
        status: 'serviceDegradation',
        title: 'title of EX1',
      },
      {
        id: 'SP2',
        service: 'SharePoint Online',
        feature: undefined,
        classification: 'incident',
        status: 'investigating',
        title: 'title of SP2',
      },
    ]);
    open.add([issueEvent(issue('SP2', { isResolved: true, status: value('serviceRestored') }), 'resolved')]);
    expect(open.list().map((item) => item.id)).toEqual(['EX1']);
  });

  it('keeps the feature and ignores message events', () => {
    const open = new OpenIssues();
    const message: EventRecord = {
      eventName: 'm365.service.message',
      timestamp: '2026-01-01T00:00:00Z',
      attributes: { 'm365.service.message.id': 'MC1' },
      body: { title: 'a message' },
    };
    open.add([message, issueEvent(issue('EX1', { feature: 'Mailflow' }), 'opened')]);
    expect(open.list()).toMatchObject([{ id: 'EX1', feature: 'Mailflow' }]);
  });
});
