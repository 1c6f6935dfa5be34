import { type Extensible, sentValue } from './catalog-model.js';
import {
  ATTR_M365_CONNECT_HEALTH_ALERT_LEVEL,
  ATTR_M365_CONNECT_HEALTH_SERVICE_NAME,
  ATTR_M365_CONNECT_HEALTH_SERVICE_TYPE,
  M365_CONNECT_HEALTH_ALERT_LEVEL_VALUES,
  type M365ConnectHealthAlertLevel,
  type M365ConnectHealthServiceType,
  METRIC_M365_CONNECT_HEALTH_ALERTS,
  METRIC_M365_CONNECT_HEALTH_SERVICES,
} from './generated/catalog.js';
import type { ConnectHealthAlertLike, ConnectHealthServiceLike } from './governance-types.js';
import { observation } from './series.js';
import type { MetricObservation } from './types.js';

/** Open alerts of one service per level: every listed level first, 0 included, then the others as sent. */
function alertCounts(
  alerts: readonly ConnectHealthAlertLike[],
): Map<Extensible<M365ConnectHealthAlertLevel>, number> {
  const counts = new Map<Extensible<M365ConnectHealthAlertLevel>, number>(
    M365_CONNECT_HEALTH_ALERT_LEVEL_VALUES.map((level) => [level, 0]),
  );
  for (const alert of alerts) {
    const level = sentValue<M365ConnectHealthAlertLevel>(alert.level);
    counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  return counts;
}

/**
 * The Microsoft Entra Connect Health gauges of one tenant: its monitored services (disabled ones left out) by type,
 * and the open alerts of each service whose alerts were read (keyed by serviceName; a service missing from the map
 * has no alert point rather than zeros).
 */
export function mapConnectHealth(
  services: readonly ConnectHealthServiceLike[],
  alertsByService: ReadonlyMap<string, readonly ConnectHealthAlertLike[]>,
): MetricObservation[] {
  const monitored = services.filter((service) => service.disabled !== true);
  const byType = new Map<Extensible<M365ConnectHealthServiceType>, number>();
  for (const service of monitored) {
    const type = sentValue<M365ConnectHealthServiceType>(service.serviceType);
    byType.set(type, (byType.get(type) ?? 0) + 1);
  }
  return [
    ...[...byType].map(([type, count]) =>
      observation(
        METRIC_M365_CONNECT_HEALTH_SERVICES,
        { [ATTR_M365_CONNECT_HEALTH_SERVICE_TYPE]: type },
        count,
      ),
    ),
    ...monitored.flatMap((service) => {
      const alerts = alertsByService.get(service.serviceName);
      if (alerts === undefined) return [];
      return [...alertCounts(alerts)].map(([level, count]) =>
        observation(
          METRIC_M365_CONNECT_HEALTH_ALERTS,
          {
            [ATTR_M365_CONNECT_HEALTH_SERVICE_TYPE]: sentValue<M365ConnectHealthServiceType>(
              service.serviceType,
            ),
            [ATTR_M365_CONNECT_HEALTH_SERVICE_NAME]: service.serviceName,
            [ATTR_M365_CONNECT_HEALTH_ALERT_LEVEL]: level,
          },
          count,
        ),
      );
    }),
  ];
}
