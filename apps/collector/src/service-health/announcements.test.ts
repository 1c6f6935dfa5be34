import type { ServiceHealthIssue, ServiceUpdateMessage } from '@m365-otel/service-health';
import { issue, known, message } from '@m365-otel/service-health-samples';
import { describe, expect, it } from 'vitest';
import { diffIssues, diffMessages, issueVersion, messageVersion } from './announcements.js';

const RESOLVED = issue({ id: 'SP200002', isResolved: true, status: known('serviceRestored') });

describe('issueVersion', () => {
  const base = issue();

  it('ignores a change of lastModifiedDateTime alone, and of the title', () => {
    expect(issueVersion(issue({ lastModifiedDateTime: '2026-11-23T09:00:00Z' }))).toBe(issueVersion(base));
    expect(issueVersion(issue({ title: 'Delays receiving external email' }))).toBe(issueVersion(base));
  });

  it.each<[string, Partial<ServiceHealthIssue>]>([
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
  it.each<[string, Partial<ServiceUpdateMessage>]>([
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
  const versions = (...issues: ServiceHealthIssue[]) =>
    new Map(issues.map((item) => [item.id, issueVersion(item)]));
  const changes = (previous: ReadonlyMap<string, string>, issues: ServiceHealthIssue[], firstRun = false) =>
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
