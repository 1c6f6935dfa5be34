// Microsoft's JSON examples (the files beside this one, from the Graph and Azure Resource Manager documentation) as
// the mappings' *Like inputs: where the C2 clients reshape a payload (credentials merged, the default domain picked,
// durations in seconds), this does the same, so the tests feed the mappings what Microsoft sends.

import { readFileSync } from 'node:fs';
import type {
  AppCredentialLike,
  AppCredentialOwnerLike,
  CallRecordLike,
  CompanySubscriptionLike,
  ConnectHealthAlertLike,
  ConnectHealthServiceLike,
  DirectorySyncFeaturesLike,
  MediaStreamLike,
  OrganizationLike,
  ProvisioningErrorUserLike,
  RiskDetectionLike,
  RiskyUserLike,
  SubscribedSkuLike,
} from '../../governance-types.js';

type Json = Record<string, unknown>;

/** A fixture file's JSON. */
export function fixture(name: string): Json {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8')) as Json;
}

/** The `value` list of a collection fixture. */
function listOf<T>(name: string): T[] {
  return fixture(name).value as T[];
}

export const subscribedSkus = (): SubscribedSkuLike[] => listOf('subscribed-skus');
export const companySubscriptions = (): CompanySubscriptionLike[] => listOf('company-subscriptions');
export const riskyUsers = (): RiskyUserLike[] => listOf('risky-users');
export const riskDetections = (): RiskDetectionLike[] => listOf('risk-detections');
export const connectHealthAlerts = (): ConnectHealthAlertLike[] => listOf('connect-health-alerts');

type GraphCredential = Omit<AppCredentialLike, 'type'>;

interface GraphCredentialOwner {
  id: string;
  appId: string;
  displayName: string | null;
  passwordCredentials: GraphCredential[];
  keyCredentials: GraphCredential[];
}

function credentialOwners(name: string, owner: AppCredentialOwnerLike['owner']): AppCredentialOwnerLike[] {
  return listOf<GraphCredentialOwner>(name).map((item) => ({
    owner,
    id: item.id,
    appId: item.appId,
    displayName: item.displayName,
    credentials: [
      ...item.passwordCredentials.map((credential) => ({ ...credential, type: 'password' as const })),
      ...item.keyCredentials.map((credential) => ({ ...credential, type: 'certificate' as const })),
    ],
  }));
}

/** The applications and then the service principals, as listApplicationCredentials gives them. */
export const credentialOwnersOfTenant = (): AppCredentialOwnerLike[] => [
  ...credentialOwners('applications', 'application'),
  ...credentialOwners('service-principals', 'service_principal'),
];

export function organization(): OrganizationLike {
  const [org] = listOf<OrganizationLike & { verifiedDomains: { name: string; isDefault: boolean }[] }>(
    'organization',
  );
  if (org === undefined) throw new Error('organization.json has no organization');
  return { ...org, defaultDomain: org.verifiedDomains.find((domain) => domain.isDefault)?.name };
}

export function directorySyncFeatures(): DirectorySyncFeaturesLike {
  const [sync] = listOf<DirectorySyncFeaturesLike>('onpremises-synchronization');
  if (sync === undefined) throw new Error('onpremises-synchronization.json has no configuration');
  return { features: sync.features };
}

export const provisioningErrorUsers = (): ProvisioningErrorUserLike[] =>
  listOf<{ id: string; onPremisesProvisioningErrors: ProvisioningErrorUserLike['errors'] }>(
    'users-provisioning-errors',
  ).map((user) => ({ id: user.id, errors: user.onPremisesProvisioningErrors }));

export const connectHealthServices = (): ConnectHealthServiceLike[] =>
  listOf<Json & { serviceName: string; type: string; disabled: boolean }>('connect-health-services').map(
    (service) => ({
      serviceName: service.serviceName,
      serviceType: service.type,
      disabled: service.disabled,
    }),
  );

/** Seconds of an ISO 8601 duration of hours, minutes and seconds (`PT0.016S`); null stays null. */
function seconds(duration: unknown): number | null {
  if (typeof duration !== 'string') return null;
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(duration);
  if (match === null) throw new Error(`not a duration: ${duration}`);
  const [, hours = '0', minutes = '0', secs = '0'] = match;
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(secs);
}

function stream(graph: Json): MediaStreamLike {
  return {
    streamId: graph.streamId as string,
    streamDirection: graph.streamDirection as string,
    averageJitter: seconds(graph.averageJitter),
    averagePacketLossRate: (graph.averagePacketLossRate as number | null | undefined) ?? null,
    averageRoundTripTime: seconds(graph.averageRoundTripTime),
    maxJitter: seconds(graph.maxJitter),
    maxPacketLossRate: (graph.maxPacketLossRate as number | null | undefined) ?? null,
    maxRoundTripTime: seconds(graph.maxRoundTripTime),
  };
}

interface GraphSession {
  id: string;
  modalities: string[];
  segments: { id: string; media: { label?: string; streams: Json[] }[] }[];
}

export function callRecord(): CallRecordLike {
  const graph = fixture('call-record') as Json & {
    sessions: GraphSession[];
    organizer_v2: { id: string };
  };
  return {
    id: graph.id as string,
    type: graph.type as string,
    startDateTime: graph.startDateTime as string,
    endDateTime: graph.endDateTime as string,
    version: graph.version as number,
    modalities: graph.modalities as string[],
    organizerId: graph.organizer_v2.id,
    sessions: graph.sessions.map((session) => ({
      id: session.id,
      modalities: session.modalities,
      segments: session.segments.map((segment) => ({
        id: segment.id,
        media: segment.media.map((media) => ({ label: media.label, streams: media.streams.map(stream) })),
      })),
    })),
  };
}
