import { describe, expect, it } from 'vitest';
import {
  casedIssue,
  casedMessage,
  graphDateTime,
  SERVICE_HEALTH_LAST_STEP,
  ServiceHealthTimeline,
  timelineBase,
  timelineState,
} from './service-health.js';

const base = Date.parse('2026-03-15T08:00:00Z');

const OTHER_SERVICES = [
  'microsoftteams',
  'OneDriveForBusiness',
  'OSDPPlatform',
  'OrgLiveID',
  'PowerBIcom',
  'Intune',
];

// [Exchange, SharePoint] overview status after each step; every other service stays operational.
const OVERVIEWS_BY_STEP = [
  ['serviceOperational', 'serviceOperational'],
  ['investigating', 'serviceOperational'],
  ['serviceDegradation', 'serviceDegradation'],
  ['serviceInterruption', 'serviceDegradation'],
  ['serviceInterruption', 'serviceOperational'],
  ['serviceRestored', 'serviceOperational'],
  ['serviceOperational', 'serviceOperational'],
] as const;

// id -> [status, isResolved, number of posts] after each step.
const ISSUES_BY_STEP: ReadonlyArray<Record<string, [string, boolean, number]>> = [
  { EX100001: ['serviceRestored', true, 3], TM100002: ['serviceRestored', true, 2] },
  {
    EX100001: ['serviceRestored', true, 3],
    TM100002: ['serviceRestored', true, 2],
    EX200001: ['investigating', false, 1],
  },
  {
    EX100001: ['serviceRestored', true, 3],
    TM100002: ['serviceRestored', true, 2],
    EX200001: ['serviceDegradation', false, 2],
    SP200002: ['serviceDegradation', false, 1],
  },
  {
    EX100001: ['serviceRestored', true, 3],
    TM100002: ['serviceRestored', true, 2],
    EX200001: ['restoringService', false, 3],
    SP200002: ['serviceDegradation', false, 1],
    EX200003: ['serviceInterruption', false, 1],
  },
  {
    EX100001: ['serviceRestored', true, 3],
    TM100002: ['serviceRestored', true, 2],
    EX200001: ['restoringService', false, 3],
    SP200002: ['serviceRestored', true, 2],
    EX200003: ['serviceInterruption', false, 1],
  },
  {
    EX100001: ['serviceRestored', true, 3],
    TM100002: ['serviceRestored', true, 2],
    EX200001: ['serviceRestored', true, 4],
    SP200002: ['serviceRestored', true, 2],
    EX200003: ['serviceRestored', true, 2],
  },
  {
    EX100001: ['serviceRestored', true, 3],
    TM100002: ['serviceRestored', true, 2],
    EX200001: ['postIncidentReviewPublished', true, 5],
    SP200002: ['serviceRestored', true, 2],
    EX200003: ['serviceRestored', true, 2],
  },
];

const MESSAGES_BY_STEP = [
  ['MC100001'],
  ['MC100001'],
  ['MC100001', 'MC200001'],
  ['MC100001', 'MC200001'],
  ['MC100001', 'MC200001'],
  ['MC100001', 'MC200001'],
  ['MC100001', 'MC200001'],
];

describe('graphDateTime', () => {
  it('writes Z, no fraction for whole seconds, and drops trailing zeros of the fraction', () => {
    expect(graphDateTime(Date.parse('2026-03-15T08:00:00.000Z'))).toBe('2026-03-15T08:00:00Z');
    expect(graphDateTime(Date.parse('2026-03-15T08:00:38.970Z'))).toBe('2026-03-15T08:00:38.97Z');
    expect(graphDateTime(Date.parse('2026-03-15T08:00:38.900Z'))).toBe('2026-03-15T08:00:38.9Z');
    expect(graphDateTime(Date.parse('2026-03-15T08:00:44.767Z'))).toBe('2026-03-15T08:00:44.767Z');
  });
});

describe('timeline', () => {
  it('starts three hours before the start of the hour the simulator starts in', () => {
    expect(timelineBase(new Date('2026-03-15T11:00:00Z'))).toBe(base);
    expect(timelineBase(new Date('2026-03-15T11:59:59.999Z'))).toBe(base);
    expect(new Date(timelineBase(new Date('2026-03-15T00:00:01Z'))).toISOString()).toBe(
      '2026-03-14T21:00:00.000Z',
    );
  });

  it.each([
    '2026-03-15T00:00:01Z',
    '2026-03-15T00:07:00Z',
    '2026-03-15T07:59:59Z',
    '2026-03-15T08:00:00Z',
    '2026-03-15T23:59:59Z',
  ])('every Graph date-time of every step lies before a start at %s', (start) => {
    const startMs = Date.parse(start);
    const timeline = timelineBase(new Date(startMs));
    for (let step = 0; step <= SERVICE_HEALTH_LAST_STEP; step += 1) {
      const state = timelineState(timeline, step);
      const stamps = [...state.issues, ...state.messages].flatMap((item) => [
        item.lastModifiedDateTime,
        ...('posts' in item ? item.posts.map((post) => post.createdDateTime) : []),
      ]);
      expect(stamps.length).toBeGreaterThan(0);
      for (const stamp of stamps) expect(Date.parse(stamp)).toBeLessThan(startMs);
    }
  });

  it.each(OVERVIEWS_BY_STEP.map((statuses, step) => [step, statuses] as const))(
    'step %i: overview statuses',
    (step, [exchange, sharePoint]) => {
      const { overviews } = timelineState(base, step);
      expect(overviews.map((overview) => overview.id)).toEqual([
        'Exchange',
        'microsoftteams',
        'SharePoint',
        'OneDriveForBusiness',
        'OSDPPlatform',
        'OrgLiveID',
        'PowerBIcom',
        'Intune',
      ]);
      const status = (id: string) => overviews.find((overview) => overview.id === id)?.status;
      expect(status('Exchange')).toBe(exchange);
      expect(status('SharePoint')).toBe(sharePoint);
      for (const id of OTHER_SERVICES) expect(status(id)).toBe('serviceOperational');
    },
  );

  it.each(ISSUES_BY_STEP.map((issues, step) => [step, issues] as const))(
    'step %i: issue statuses, resolution and posts',
    (step, expected) => {
      const { issues, messages } = timelineState(base, step);
      const actual = Object.fromEntries(
        issues.map((issue) => [issue.id, [issue.status, issue.isResolved, issue.posts.length]]),
      );
      expect(actual).toEqual(expected);
      expect(issues.map((issue) => issue.id)).toEqual(Object.keys(expected));
      for (const issue of issues) {
        expect(issue.endDateTime === null).toBe(!issue.isResolved);
        expect(issue.origin).toBe('microsoft');
        const last = issue.posts.at(-1);
        expect(Date.parse(issue.lastModifiedDateTime)).toBeGreaterThan(
          Date.parse(String(last?.createdDateTime)),
        );
        for (const post of issue.posts) {
          expect(post.postType).toBe('regular');
          expect(post.description.contentType).toBe('html');
          expect(post.description.content).toContain(`Title: ${issue.title}`);
        }
      }
      expect(messages.map((message) => message.id)).toEqual(MESSAGES_BY_STEP[step]);
    },
  );

  it('gives the incidents the scripted services, features and times', () => {
    const step3 = timelineState(base, 3);
    const ex = step3.issues.find((issue) => issue.id === 'EX200001');
    expect(ex).toMatchObject({
      startDateTime: '2026-03-15T07:55:00Z',
      endDateTime: null,
      lastModifiedDateTime: '2026-03-15T08:30:44.767Z',
      classification: 'incident',
      service: 'Exchange Online',
      feature: 'Mailflow - delayed delivery from Internet',
      featureGroup: 'E-Mail timely delivery',
      details: [{ name: 'NotifyInApp', value: 'True' }],
    });
    expect(ex?.posts.map((post) => post.createdDateTime)).toEqual([
      '2026-03-15T08:10:38.97Z',
      '2026-03-15T08:20:38.97Z',
      '2026-03-15T08:30:38.97Z',
    ]);
    expect(Object.keys(ex ?? {})).toEqual([
      'startDateTime',
      'endDateTime',
      'lastModifiedDateTime',
      'title',
      'id',
      'impactDescription',
      'classification',
      'origin',
      'status',
      'service',
      'feature',
      'featureGroup',
      'isResolved',
      'details',
      'posts',
    ]);
    expect(step3.issues.find((issue) => issue.id === 'SP200002')).toMatchObject({
      classification: 'advisory',
      service: 'SharePoint Online',
      feature: 'Sites',
      featureGroup: 'SharePoint Features',
    });
    expect(step3.issues.find((issue) => issue.id === 'EX200003')).toMatchObject({
      classification: 'incident',
      service: 'Exchange Online',
      feature: 'E-Mail and calendar access',
      featureGroup: 'E-Mail and calendar access',
      startDateTime: '2026-03-15T08:22:00Z',
    });
    expect(timelineState(base, 0).issues.map((issue) => issue.classification)).toEqual([
      'incident',
      'advisory',
    ]);
    expect(timelineState(base, 5).issues.find((issue) => issue.id === 'EX200001')?.endDateTime).toBe(
      '2026-03-15T08:48:00Z',
    );
  });

  it('refines the impact of EX200001 at step 2', () => {
    const before = timelineState(base, 1).issues.find((issue) => issue.id === 'EX200001');
    const after = timelineState(base, 2).issues.find((issue) => issue.id === 'EX200001');
    expect(after?.impactDescription).not.toBe(before?.impactDescription);
    expect(after?.impactDescription).toContain('30 minutes');
  });

  it('publishes MC200001 at step 2 and updates it at step 4', () => {
    const published = timelineState(base, 2).messages.find((message) => message.id === 'MC200001');
    expect(published).toMatchObject({
      category: 'planForChange',
      severity: 'high',
      services: ['Exchange Online', 'Microsoft Teams'],
      isMajorChange: true,
      startDateTime: '2026-03-15T08:20:00Z',
      actionRequiredByDateTime: '2026-05-14T08:20:00Z',
      viewPoint: null,
    });
    const updated = timelineState(base, 4).messages.find((message) => message.id === 'MC200001');
    expect(updated?.title).toBe(`(Updated) ${published?.title}`);
    expect(updated?.tags).toContain('Updated message');
    expect(updated?.body.content).not.toBe(published?.body.content);
    expect(updated?.lastModifiedDateTime).toBe('2026-03-15T08:40:44.767Z');
    expect(timelineState(base, 0).messages[0]).toMatchObject({
      id: 'MC100001',
      category: 'stayInformed',
      severity: 'normal',
    });
  });

  it('is deterministic: the same step always gives the same objects', () => {
    expect(timelineState(base, 6)).toEqual(timelineState(base, 6));
  });
});

describe('ServiceHealthTimeline', () => {
  it('advances, jumps back and forth, and refuses to go past the last step', () => {
    const timeline = new ServiceHealthTimeline(base);
    expect(timeline.step).toBe(0);
    expect(timeline.lastStep).toBe(6);
    expect(timeline.advance()).toBe(1);
    timeline.setStep(6);
    expect(() => timeline.advance()).toThrow('service-health timeline is already at its last step 6');
    timeline.setStep(2);
    expect(timeline.state).toEqual(timelineState(base, 2));
    for (const bad of [-1, 7, 1.5, Number.NaN]) {
      expect(() => timeline.setStep(bad)).toThrow(/service-health step must be an integer 0..6/);
    }
    expect(() => new ServiceHealthTimeline(base, 9)).toThrow(/0..6, got 9/);
  });

  it('hands out truth as a copy', () => {
    const timeline = new ServiceHealthTimeline(base, 1);
    const truth = timeline.truth();
    expect(truth.step).toBe(1);
    const first = truth.overviews[0];
    if (first !== undefined) first.status = 'changed';
    expect(timeline.truth().overviews[0]?.status).toBe('investigating');
  });
});

describe('PascalCase', () => {
  it('capitalises every enum value and nothing else', () => {
    const state = timelineState(base, 6);
    const issue = state.issues.find((candidate) => candidate.id === 'EX200001');
    if (issue === undefined) throw new Error('no EX200001');
    const cased = casedIssue(issue, 'pascal');
    expect(cased).toMatchObject({
      classification: 'Incident',
      origin: 'Microsoft',
      status: 'PostIncidentReviewPublished',
      service: 'Exchange Online',
      title: issue.title,
    });
    expect(
      cased.posts.every((post) => post.postType === 'Regular' && post.description.contentType === 'Html'),
    ).toBe(true);
    expect(issue.status).toBe('postIncidentReviewPublished');
    const message = state.messages.find((candidate) => candidate.id === 'MC100001');
    if (message === undefined) throw new Error('no MC100001');
    expect(casedMessage(message, 'pascal')).toMatchObject({
      category: 'StayInformed',
      severity: 'Normal',
      body: { contentType: 'Html' },
    });
    expect(casedIssue(issue, 'camel')).toBe(issue);
  });
});
