import { describe, expect, it } from 'vitest';
import { expectMatchesCatalog } from './__fixtures__/event-catalog.js';
import { riskDetections, riskyUsers } from './__fixtures__/governance/graph-shapes.js';
import { mapRiskyUsers, riskDetectionEvent } from './risk.js';

// Written out rather than imported, so the lists' spelling is checked too.
const LEVELS = ['none', 'low', 'medium', 'high', 'hidden'];
const STATES = ['none', 'atRisk', 'confirmedCompromised', 'confirmedSafe', 'remediated', 'dismissed'];

describe('mapRiskyUsers', () => {
  it("counts Microsoft's example risky users by level and state, every listed combination 0 included", () => {
    const counted = new Map([
      ['high/atRisk', 1],
      ['medium/atRisk', 1],
      ['hidden/atRisk', 1],
      ['none/remediated', 1],
    ]);
    expect(mapRiskyUsers(riskyUsers())).toEqual(
      LEVELS.flatMap((level) =>
        STATES.map((state) => ({
          metric: 'm365.risk.users',
          attributes: { 'm365.risk.level': level, 'm365.risk.state': state },
          value: counted.get(`${level}/${state}`) ?? 0,
        })),
      ),
    );
  });

  it('adds a combination with a value Microsoft added later, as sent', () => {
    const observations = mapRiskyUsers([
      { riskLevel: 'unknownFutureValue', riskState: 'atRisk' },
      { riskLevel: { value: 'unknownFutureValue', known: false }, riskState: 'atRisk' },
    ]);
    expect(observations).toHaveLength(LEVELS.length * STATES.length + 1);
    expect(observations.at(-1)).toEqual({
      metric: 'm365.risk.users',
      attributes: { 'm365.risk.level': 'unknownFutureValue', 'm365.risk.state': 'atRisk' },
      value: 2,
    });
  });
});

describe('riskDetectionEvent', () => {
  it("makes Microsoft's example detection a record: its kind as attributes, who and where in the body", () => {
    const [detection] = riskDetections();
    if (detection === undefined) throw new Error('no detection');
    const record = riskDetectionEvent(detection);
    expectMatchesCatalog(record);
    expect(record).toEqual({
      eventName: 'm365.risk.detection',
      timestamp: '2018-09-05T00:11:27.773602Z',
      attributes: {
        'm365.risk.detection.id': '6a5874ca-abcd-9d82-5ad39bd71600',
        'm365.risk.event_type': 'unfamiliarFeatures',
        'm365.risk.level': 'medium',
        'm365.risk.state': 'remediated',
        'm365.risk.detection.source': 'activeDirectory',
        'm365.risk.detection.timing': 'realtime',
        'user.id': 'abcdefab-af90-4edf-ac4c-742ff06735d0',
      },
      body: {
        userPrincipalName: 'olack@adatum.com',
        ipAddress: '123.456.7.89',
        location: { city: 'Seattle', countryOrRegion: 'US' },
        activityDateTime: '2018-09-05T00:09:18.7822851Z',
      },
    });
  });

  it('leaves out what Microsoft did not send', () => {
    const record = riskDetectionEvent({
      id: 'd1',
      riskEventType: 'anonymizedIPAddress',
      riskLevel: 'high',
      riskState: 'atRisk',
      detectedDateTime: '2024-01-01T00:00:00Z',
      location: null,
    });
    expectMatchesCatalog(record);
    expect(Object.keys(record.attributes)).toEqual([
      'm365.risk.detection.id',
      'm365.risk.event_type',
      'm365.risk.level',
      'm365.risk.state',
    ]);
    expect(record.body).toEqual({
      userPrincipalName: null,
      ipAddress: null,
      location: null,
      activityDateTime: null,
    });
  });
});
