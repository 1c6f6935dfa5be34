import { type Extensible, sentValue } from './catalog-model.js';
import { type EventRecord, eventRecord } from './event-record.js';
import {
  ATTR_M365_RISK_DETECTION_ID,
  ATTR_M365_RISK_DETECTION_SOURCE,
  ATTR_M365_RISK_DETECTION_TIMING,
  ATTR_M365_RISK_EVENT_TYPE,
  ATTR_M365_RISK_LEVEL,
  ATTR_M365_RISK_STATE,
  ATTR_USER_ID,
  EVENT_M365_RISK_DETECTION,
  M365_RISK_LEVEL_VALUES,
  M365_RISK_STATE_VALUES,
  type M365RiskLevel,
  type M365RiskState,
  METRIC_M365_RISK_USERS,
} from './generated/catalog.js';
import type { RiskDetectionLike, RiskyUserLike } from './governance-types.js';
import { observation } from './series.js';
import type { MetricObservation } from './types.js';

/**
 * Risky users by risk level and state: every combination of the listed levels and states, 0 included, then the
 * combinations with a value outside the lists, as sent.
 */
export function mapRiskyUsers(users: readonly RiskyUserLike[]): MetricObservation[] {
  type Pair = [Extensible<M365RiskLevel>, Extensible<M365RiskState>];
  const counts = new Map<string, { pair: Pair; count: number }>();
  for (const level of M365_RISK_LEVEL_VALUES) {
    for (const state of M365_RISK_STATE_VALUES)
      counts.set(JSON.stringify([level, state]), { pair: [level, state], count: 0 });
  }
  for (const user of users) {
    const pair: Pair = [sentValue<M365RiskLevel>(user.riskLevel), sentValue<M365RiskState>(user.riskState)];
    const key = JSON.stringify(pair);
    counts.set(key, { pair, count: (counts.get(key)?.count ?? 0) + 1 });
  }
  return [...counts.values()].map(({ pair: [level, state], count }) =>
    observation(
      METRIC_M365_RISK_USERS,
      { [ATTR_M365_RISK_LEVEL]: level, [ATTR_M365_RISK_STATE]: state },
      count,
    ),
  );
}

/** The m365.risk.detection record of one detection; the user's principal name and address go into the body. */
export function riskDetectionEvent(detection: RiskDetectionLike): EventRecord {
  return eventRecord(
    EVENT_M365_RISK_DETECTION,
    detection.detectedDateTime,
    {
      [ATTR_M365_RISK_DETECTION_ID]: detection.id,
      [ATTR_M365_RISK_EVENT_TYPE]: detection.riskEventType,
      [ATTR_M365_RISK_LEVEL]: sentValue<M365RiskLevel>(detection.riskLevel),
      [ATTR_M365_RISK_STATE]: sentValue<M365RiskState>(detection.riskState),
      [ATTR_M365_RISK_DETECTION_SOURCE]: detection.source || undefined,
      [ATTR_M365_RISK_DETECTION_TIMING]: detection.detectionTimingType
        ? sentValue(detection.detectionTimingType)
        : undefined,
      [ATTR_USER_ID]: detection.userId || undefined,
    },
    {
      userPrincipalName: detection.userPrincipalName || null,
      ipAddress: detection.ipAddress || null,
      location: detection.location
        ? {
            city: detection.location.city ?? null,
            countryOrRegion: detection.location.countryOrRegion ?? null,
          }
        : null,
      activityDateTime: detection.activityDateTime || null,
    },
  );
}
