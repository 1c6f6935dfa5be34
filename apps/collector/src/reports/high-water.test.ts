import type { MetricObservation, ReportDay } from '@m365-otel/mappers';
import { describe, expect, it } from 'vitest';
import { oldestNewest, planExport, type SeriesMark, seriesKey } from './high-water.js';

const SENT = { metric: 'm365.email.messages', attributes: { 'm365.email.action': 'sent' } } as const;
const READ = { metric: 'm365.email.messages', attributes: { 'm365.email.action': 'read' } } as const;
const SENT_KEY = seriesKey(SENT.metric, SENT.attributes);
const READ_KEY = seriesKey(READ.metric, READ.attributes);

function day(date: string, values: { sent?: number; read?: number }): ReportDay {
  const observations: MetricObservation[] = [];
  if (values.sent !== undefined) observations.push({ ...SENT, value: values.sent });
  if (values.read !== undefined) observations.push({ ...READ, value: values.read });
  return { date, observations };
}

const sentPoints = (plan: ReturnType<typeof planExport>) =>
  plan.send.map((point) => [seriesKey(point.metric, point.attributes), point.day, point.value]);

describe('planExport', () => {
  it('sends every day of every series on the first run, oldest first, and marks them', () => {
    const plan = planExport(
      new Map(),
      [
        day('2026-03-08', { sent: 3 }),
        day('2026-03-07', { sent: 2, read: 20 }),
        day('2026-03-06', { sent: 1 }),
      ],
      { refetchDays: 3 },
    );
    expect(sentPoints(plan)).toEqual([
      [SENT_KEY, '2026-03-06', 1],
      [SENT_KEY, '2026-03-07', 2],
      [READ_KEY, '2026-03-07', 20],
      [SENT_KEY, '2026-03-08', 3],
    ]);
    expect(plan.next.get(SENT_KEY)).toEqual({
      newest: '2026-03-08',
      sent: { '2026-03-06': 1, '2026-03-07': 2, '2026-03-08': 3 },
    });
    expect(plan.next.get(READ_KEY)).toEqual({ newest: '2026-03-07', sent: { '2026-03-07': 20 } });
    expect(plan.revisions).toEqual([]);
  });

  it('backfills a series without a mark only from backfillFrom on', () => {
    const plan = planExport(new Map(), [day('2026-02-08', { sent: 1 }), day('2026-02-09', { sent: 2 })], {
      refetchDays: 3,
      backfillFrom: '2026-02-09',
    });
    expect(sentPoints(plan)).toEqual([[SENT_KEY, '2026-02-09', 2]]);
  });

  it('sends nothing again for the same answer once its marks are kept', () => {
    const days = [day('2026-03-07', { sent: 2 }), day('2026-03-08', { sent: 3 })];
    const first = planExport(new Map(), days, { refetchDays: 3 });
    const second = planExport(first.next, days, { refetchDays: 3 });
    expect(second.send).toEqual([]);
    expect(second.revisions).toEqual([]);
    expect(second.next).toEqual(first.next);
  });

  it('sends only the new day when the calendar advances a day', () => {
    const marks = new Map<string, SeriesMark>([
      [SENT_KEY, { newest: '2026-03-08', sent: { '2026-03-06': 1, '2026-03-07': 2, '2026-03-08': 3 } }],
    ]);
    const plan = planExport(
      marks,
      [
        day('2026-03-03', { sent: 9 }),
        day('2026-03-06', { sent: 1 }),
        day('2026-03-07', { sent: 2 }),
        day('2026-03-08', { sent: 3 }),
        day('2026-03-09', { sent: 4 }),
      ],
      { refetchDays: 3 },
    );
    expect(sentPoints(plan)).toEqual([[SENT_KEY, '2026-03-09', 4]]);
    // 2026-03-06 left the window that ends on the new newest day.
    expect(plan.next.get(SENT_KEY)).toEqual({
      newest: '2026-03-09',
      sent: { '2026-03-07': 2, '2026-03-08': 3, '2026-03-09': 4 },
    });
  });

  it('sends a day of the window that was empty before once it has its value', () => {
    // read had no value on 2026-03-08 when it was last read; sent had.
    const marks = new Map<string, SeriesMark>([
      [SENT_KEY, { newest: '2026-03-08', sent: { '2026-03-08': 3 } }],
      [READ_KEY, { newest: '2026-03-07', sent: { '2026-03-07': 20 } }],
    ]);
    const plan = planExport(
      marks,
      [day('2026-03-07', { read: 20 }), day('2026-03-08', { sent: 3, read: 30 })],
      {
        refetchDays: 3,
      },
    );
    expect(sentPoints(plan)).toEqual([[READ_KEY, '2026-03-08', 30]]);
  });

  it('sends a late-filled day older than the newest one sent, while it is within the window', () => {
    const marks = new Map<string, SeriesMark>([
      [SENT_KEY, { newest: '2026-03-08', sent: { '2026-03-08': 3 } }],
    ]);
    const answer = [
      day('2026-03-05', { sent: 0 }),
      day('2026-03-06', { sent: 1 }),
      day('2026-03-07', { sent: 2 }),
    ];
    const plan = planExport(marks, answer, { refetchDays: 3 });
    // 03-06 and 03-07 lie in the three days ending 03-08; 03-05 does not.
    expect(sentPoints(plan)).toEqual([
      [SENT_KEY, '2026-03-06', 1],
      [SENT_KEY, '2026-03-07', 2],
    ]);
    expect(plan.next.get(SENT_KEY)?.newest).toBe('2026-03-08');
  });

  it('counts a revised value of a day already sent and does not send it again', () => {
    const marks = new Map<string, SeriesMark>([
      [SENT_KEY, { newest: '2026-03-08', sent: { '2026-03-07': 2, '2026-03-08': 3 } }],
    ]);
    const plan = planExport(marks, [day('2026-03-07', { sent: 5 }), day('2026-03-08', { sent: 3 })], {
      refetchDays: 3,
    });
    expect(plan.send).toEqual([]);
    expect(plan.revisions).toEqual([{ series: SENT_KEY, day: '2026-03-07', sent: 2, now: 5 }]);
    // The mark keeps what the backend holds.
    expect(plan.next.get(SENT_KEY)?.sent['2026-03-07']).toBe(2);
  });

  it('keeps the marks of series the answer does not carry', () => {
    const marks = new Map<string, SeriesMark>([
      [READ_KEY, { newest: '2026-03-07', sent: { '2026-03-07': 20 } }],
    ]);
    const plan = planExport(marks, [day('2026-03-08', { sent: 3 })], { refetchDays: 3 });
    expect(plan.next.get(READ_KEY)).toEqual(marks.get(READ_KEY));
  });

  it('leaves the marks it was given unchanged', () => {
    const marks = new Map<string, SeriesMark>([
      [SENT_KEY, { newest: '2026-03-07', sent: { '2026-03-07': 2 } }],
    ]);
    planExport(marks, [day('2026-03-08', { sent: 3 })], { refetchDays: 3 });
    expect(marks.get(SENT_KEY)).toEqual({ newest: '2026-03-07', sent: { '2026-03-07': 2 } });
  });
});

describe('oldestNewest', () => {
  it('is the series that lags most, or undefined without marks', () => {
    expect(oldestNewest(new Map())).toBeUndefined();
    expect(
      oldestNewest(
        new Map([
          [SENT_KEY, { newest: '2026-03-08', sent: {} }],
          [READ_KEY, { newest: '2026-03-06', sent: {} }],
        ]),
      ),
    ).toBe('2026-03-06');
  });
});

describe('seriesKey', () => {
  it('does not depend on the order of the attributes', () => {
    expect(seriesKey('m', { b: '2', a: '1' })).toBe(seriesKey('m', { a: '1', b: '2' }));
    expect(seriesKey('m', { a: '1' })).not.toBe(seriesKey('m', { a: '2' }));
  });
});
