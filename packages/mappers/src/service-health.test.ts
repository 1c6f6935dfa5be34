import { ISSUES, issue, known, OVERVIEWS, overview, unknown } from '@m365-otel/service-health-samples';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTHY_STATUSES, type MetricName } from './generated/catalog.js';
import { mapServiceHealth } from './service-health.js';
import type { MetricObservation } from './types.js';

// Written out rather than imported, so the enum's order and spelling are checked too.
const STATUSES = [
  'serviceOperational',
  'investigating',
  'restoringService',
  'verifyingService',
  'serviceRestored',
  'postIncidentReviewPublished',
  'serviceDegradation',
  'serviceInterruption',
  'extendedRecovery',
  'falsePositive',
  'investigationSuspended',
  'resolved',
  'mitigatedExternal',
  'mitigated',
  'resolvedExternal',
  'confirmed',
  'reported',
  'unknownFutureValue',
];

const EXCHANGE = { 'm365.service.name': 'Exchange Online', 'm365.service.id': 'Exchange' };
const TEAMS = { 'm365.service.name': 'Microsoft Teams', 'm365.service.id': 'microsoftteams' };
const SHAREPOINT = { 'm365.service.name': 'SharePoint Online', 'm365.service.id': 'SharePoint' };

function oneHot(
  metric: MetricName,
  attributes: Record<string, string>,
  current: string,
): MetricObservation[] {
  return STATUSES.map((status) => ({
    metric,
    attributes: { ...attributes, 'm365.service.status': status },
    value: status === current ? 1 : 0,
  }));
}
const status = (attributes: Record<string, string>, current: string) =>
  oneHot('m365.service.status', attributes, current);
const featureStatus = (attributes: Record<string, string>, current: string) =>
  oneHot('m365.service.feature.status', attributes, current);
const healthy = (attributes: Record<string, string>, value: number) => ({
  metric: 'm365.service.healthy',
  attributes,
  value,
});
const issues = (service: string, classification: string, value: number) => ({
  metric: 'm365.service.issues',
  attributes: { 'm365.service.name': service, 'm365.service.issue.classification': classification },
  value,
});

function observationsOf(
  observations: readonly MetricObservation[],
  metric: string,
): Array<Omit<MetricObservation, 'metric'>> {
  return observations
    .filter((observation) => observation.metric === metric)
    .map(({ attributes, value }) => ({ attributes, value }));
}

describe('mapServiceHealth', () => {
  it('maps overviews and issues to the service-health gauges', () => {
    expect(mapServiceHealth({ overviews: OVERVIEWS, issues: ISSUES })).toEqual([
      ...status(EXCHANGE, 'serviceInterruption'),
      ...status(TEAMS, 'serviceOperational'),
      ...status(SHAREPOINT, 'serviceDegradation'),
      healthy(EXCHANGE, 0),
      healthy(TEAMS, 1),
      healthy(SHAREPOINT, 0),
      issues('Exchange Online', 'incident', 2),
      issues('Exchange Online', 'advisory', 0),
      issues('Microsoft Teams', 'incident', 0),
      issues('Microsoft Teams', 'advisory', 0),
      issues('SharePoint Online', 'incident', 0),
      issues('SharePoint Online', 'advisory', 1),
      ...featureStatus(
        {
          'm365.service.name': 'Exchange Online',
          'm365.service.feature.group': 'E-Mail timely delivery',
          'm365.service.feature.name': 'Mailflow - delayed delivery from Internet',
        },
        'restoringService',
      ),
      ...featureStatus(
        {
          'm365.service.name': 'SharePoint Online',
          'm365.service.feature.group': 'SharePoint Features',
          'm365.service.feature.name': 'Sites',
        },
        'serviceDegradation',
      ),
      ...featureStatus(
        {
          'm365.service.name': 'Exchange Online',
          'm365.service.feature.group': 'E-Mail and calendar access',
          'm365.service.feature.name': 'E-Mail and calendar access',
        },
        'serviceInterruption',
      ),
    ]);
  });

  it('keeps a status outside the enum visible, at 1 beside every enum value at 0, and unhealthy', () => {
    const observations = mapServiceHealth({
      overviews: [overview('Exchange', 'Exchange Online', unknown('serviceMaintenance'))],
      issues: [],
    });
    expect(observations).toEqual([
      ...status(EXCHANGE, 'serviceMaintenance'),
      {
        metric: 'm365.service.status',
        attributes: { ...EXCHANGE, 'm365.service.status': 'serviceMaintenance' },
        value: 1,
      },
      healthy(EXCHANGE, 0),
      issues('Exchange Online', 'incident', 0),
      issues('Exchange Online', 'advisory', 0),
    ]);
    expect(observations.filter((point) => point.value === 1).map((point) => point.metric)).toEqual([
      'm365.service.status',
    ]);
  });

  it('does the same for a feature whose newest open issue has a status outside the enum', () => {
    const observations = mapServiceHealth({
      overviews: [],
      issues: [issue({ featureGroup: null, status: unknown('Monitoring') })],
    });
    const feature = {
      'm365.service.name': 'Exchange Online',
      'm365.service.feature.name': 'Mailflow - delayed delivery from Internet',
    };
    expect(observationsOf(observations, 'm365.service.feature.status')).toEqual([
      ...featureStatus(feature, 'Monitoring').map(({ attributes, value }) => ({ attributes, value })),
      { attributes: { ...feature, 'm365.service.status': 'Monitoring' }, value: 1 },
    ]);
  });

  describe('healthy statuses', () => {
    const everyStatus = STATUSES.map((value, index) =>
      overview(`S${index}`, `Service ${index}`, known(value)),
    );
    const healthyIds = (healthyStatuses?: readonly string[]) =>
      mapServiceHealth({ overviews: everyStatus, issues: [] }, healthyStatuses ? { healthyStatuses } : {})
        .filter((point) => point.metric === 'm365.service.healthy' && point.value === 1)
        .map((point) => point.attributes['m365.service.id']);

    it('counts the 8 statuses of the issue as healthy by default', () => {
      expect(DEFAULT_HEALTHY_STATUSES).toEqual([
        'serviceOperational',
        'serviceRestored',
        'postIncidentReviewPublished',
        'resolved',
        'resolvedExternal',
        'mitigated',
        'mitigatedExternal',
        'falsePositive',
      ]);
      expect(healthyIds()).toEqual(['S0', 'S4', 'S5', 'S9', 'S11', 'S12', 'S13', 'S14']);
    });

    it('uses the configured set instead', () => {
      expect(healthyIds(['serviceOperational', 'verifyingService'])).toEqual(['S0', 'S3']);
      expect(healthyIds([])).toEqual([]);
    });

    it('refuses a value that is not a serviceHealthStatus, naming it', () => {
      expect(() => healthyIds(['serviceOperational', 'operational'])).toThrow(
        /^healthyStatuses: "operational" is not a serviceHealthStatus value; expected one of serviceOperational, investigating, /,
      );
      expect(() => healthyIds(['ServiceOperational'])).toThrow(
        '"ServiceOperational" is not a serviceHealthStatus',
      );
    });
  });

  describe('m365.service.issues', () => {
    it('counts open issues only, with both classifications always present', () => {
      const observations = mapServiceHealth({
        overviews: [overview('Exchange', 'Exchange Online', known('serviceOperational'))],
        issues: [issue({ isResolved: true, status: known('serviceRestored') })],
      });
      expect(observationsOf(observations, 'm365.service.issues')).toEqual([
        {
          attributes: {
            'm365.service.name': 'Exchange Online',
            'm365.service.issue.classification': 'incident',
          },
          value: 0,
        },
        {
          attributes: {
            'm365.service.name': 'Exchange Online',
            'm365.service.issue.classification': 'advisory',
          },
          value: 0,
        },
      ]);
    });

    it('counts an issue with another classification under the value as sent', () => {
      const observations = mapServiceHealth({
        overviews: OVERVIEWS.slice(0, 1),
        issues: [
          issue({ id: 'EX1', classification: unknown('Outage') }),
          issue({ id: 'EX2', classification: known('unknownFutureValue') }),
          issue({ id: 'EX3', classification: unknown('Outage') }),
        ],
      });
      expect(observationsOf(observations, 'm365.service.issues')).toEqual([
        {
          attributes: {
            'm365.service.name': 'Exchange Online',
            'm365.service.issue.classification': 'incident',
          },
          value: 0,
        },
        {
          attributes: {
            'm365.service.name': 'Exchange Online',
            'm365.service.issue.classification': 'advisory',
          },
          value: 0,
        },
        {
          attributes: {
            'm365.service.name': 'Exchange Online',
            'm365.service.issue.classification': 'Outage',
          },
          value: 2,
        },
        {
          attributes: {
            'm365.service.name': 'Exchange Online',
            'm365.service.issue.classification': 'unknownFutureValue',
          },
          value: 1,
        },
      ]);
    });

    it('counts the open issues of a service that has no overview, under the service name of the issue', () => {
      const observations = mapServiceHealth({
        overviews: OVERVIEWS.slice(0, 1),
        issues: [issue({ id: 'PB1', service: 'Power BI', classification: known('advisory') })],
      });
      expect(observationsOf(observations, 'm365.service.issues')).toEqual([
        {
          attributes: {
            'm365.service.name': 'Exchange Online',
            'm365.service.issue.classification': 'incident',
          },
          value: 0,
        },
        {
          attributes: {
            'm365.service.name': 'Exchange Online',
            'm365.service.issue.classification': 'advisory',
          },
          value: 0,
        },
        {
          attributes: { 'm365.service.name': 'Power BI', 'm365.service.issue.classification': 'incident' },
          value: 0,
        },
        {
          attributes: { 'm365.service.name': 'Power BI', 'm365.service.issue.classification': 'advisory' },
          value: 1,
        },
      ]);
      // No overview, so no status: a service's status comes from its overview only.
      expect(observationsOf(observations, 'm365.service.status')).toHaveLength(18);
    });
  });

  describe('m365.service.feature.status', () => {
    const currentStatuses = (input: Parameters<typeof mapServiceHealth>[0]) =>
      mapServiceHealth(input)
        .filter((point) => point.metric === 'm365.service.feature.status' && point.value === 1)
        .map((point) => [
          point.attributes['m365.service.feature.name'],
          point.attributes['m365.service.status'],
        ]);

    it('takes the status of the most recently modified open issue of each feature, whatever the order', () => {
      const older = issue({
        id: 'EX1',
        status: known('serviceDegradation'),
        lastModifiedDateTime: '2026-11-23T08:10:00Z',
      });
      const newer = issue({
        id: 'EX2',
        status: known('serviceInterruption'),
        lastModifiedDateTime: '2026-11-23T08:10:00.5Z',
      });
      const resolvedNewest = issue({
        id: 'EX3',
        status: known('serviceRestored'),
        isResolved: true,
        lastModifiedDateTime: '2026-11-23T09:00:00Z',
      });
      const feature = 'Mailflow - delayed delivery from Internet';
      expect(currentStatuses({ overviews: [], issues: [older, newer, resolvedNewest] })).toEqual([
        [feature, 'serviceInterruption'],
      ]);
      expect(currentStatuses({ overviews: [], issues: [resolvedNewest, newer, older] })).toEqual([
        [feature, 'serviceInterruption'],
      ]);
    });

    it('keeps features of different services apart and leaves out issues that name no feature', () => {
      const input = {
        overviews: [],
        issues: [
          issue({ id: 'EX1', feature: 'Sign-in', featureGroup: null, status: known('investigating') }),
          issue({
            id: 'TM1',
            service: 'Microsoft Teams',
            feature: 'Sign-in',
            featureGroup: null,
            status: known('extendedRecovery'),
          }),
          issue({ id: 'EX2', feature: null, featureGroup: null }),
        ],
      };
      expect(currentStatuses(input)).toEqual([
        ['Sign-in', 'investigating'],
        ['Sign-in', 'extendedRecovery'],
      ]);
      const attributeSets = new Set(
        observationsOf(mapServiceHealth(input), 'm365.service.feature.status').map(({ attributes }) =>
          Object.keys(attributes).join(),
        ),
      );
      expect([...attributeSets]).toEqual(['m365.service.name,m365.service.feature.name,m365.service.status']);
    });

    it('has no series once every issue of the feature is resolved', () => {
      expect(currentStatuses({ overviews: OVERVIEWS, issues: [issue({ isResolved: true })] })).toEqual([]);
    });
  });
});
