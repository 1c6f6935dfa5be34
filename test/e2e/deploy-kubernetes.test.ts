// The Kubernetes deployment (docs/kubernetes.md): the plain manifests of deploy/kubernetes and the Helm chart of
// deploy/helm/m365-otel, rendered with each of its ci/ values files, are what the Kubernetes API accepts (the
// OpenAPI schema through kubernetes-models, unknown fields through the strict decoder m365-kube-validate), run
// m365-otel the way the image and the reliability docs require, and hand it configs that the real
// `m365-otel validate` accepts with nothing but what the pod provides. Helm and the decoder come from
// scripts/install-helm.sh and scripts/build-go-tool.sh (M365_HELM_BIN, M365_KUBE_VALIDATE_BIN).
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  checkManifests,
  generateValuesSchema,
  type KubeObject,
  kubeVersion,
  parseManifests,
  passThroughSections,
  repoRoot,
  runHelm,
  strictDecode,
  validateWithModels,
  valuesSchemaPath,
} from '@m365-otel/kube';
import { createTestPki } from '@m365-otel/test-pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCollector } from './support/collector-cli.js';

const chartDir = join(repoRoot, 'deploy/helm/m365-otel');
const valuesFiles = (await readdir(join(chartDir, 'ci'))).filter((file) => file.endsWith('.yaml')).sort();
const collectorVersion = (
  JSON.parse(await readFile(join(repoRoot, 'apps/collector/package.json'), 'utf8')) as { version: string }
).version;
const image = `ghcr.io/m365-otel/m365-otel:${collectorVersion}`;
const otelcolImage = 'otel/opentelemetry-collector-contrib:0.161.0';
const sidecarExample = 'docs/examples/otelcol-sidecar.yaml';
const docsPage = await readFile(join(repoRoot, 'docs/kubernetes.md'), 'utf8');
/** What Azure Workload Identity's webhook adds to the containers of a pod labelled azure.workload.identity/use. */
const webhookEnvironment = [
  'AZURE_CLIENT_ID',
  'AZURE_TENANT_ID',
  'AZURE_FEDERATED_TOKEN_FILE',
  'AZURE_AUTHORITY_HOST',
];

const pki = await createTestPki();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'm365-deploy-kubernetes-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  pki.cleanup();
});

// --- the objects' shapes this test reads (after the schema check has established them) -------------------------

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string }; secretKeyRef?: { name: string; key: string } };
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  restartPolicy?: string;
  env?: EnvVar[];
  envFrom?: Array<{ secretRef?: { name: string }; configMapRef?: { name: string } }>;
  ports?: Array<{ name?: string; containerPort: number }>;
  startupProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    runAsNonRoot?: boolean;
    runAsUser?: number;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: Array<{ name: string; mountPath: string; subPath?: string; subPathExpr?: string }>;
}
interface Volume {
  name: string;
  configMap?: { name: string };
  secret?: { secretName: string };
  persistentVolumeClaim?: { claimName: string };
  emptyDir?: object;
}
interface PodSpec {
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    runAsGroup?: number;
    fsGroup?: number;
    seccompProfile?: { type: string };
  };
  initContainers?: Container[];
  containers: Container[];
  volumes?: Volume[];
}
interface Workload {
  kind: string;
  metadata: { name: string };
  spec: {
    replicas?: number;
    serviceName?: string;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
    volumeClaimTemplates?: Array<{ metadata: { name: string } }>;
  };
}

async function manifestsIn(path: string): Promise<string> {
  const files = (await readdir(join(repoRoot, path))).filter((file) => file.endsWith('.yaml')).sort();
  const texts = await Promise.all(files.map((file) => readFile(join(repoRoot, path, file), 'utf8')));
  return texts.join('\n---\n');
}

function only<T extends KubeObject>(objects: KubeObject[], kind: string, name?: string): T {
  const found = objects.filter(
    (object) => object.kind === kind && (name === undefined || object.metadata.name === name),
  );
  expect(
    found.map((object) => object.metadata.name),
    `one ${kind}${name ? ` ${name}` : ''}`,
  ).toHaveLength(1);
  return found[0] as T;
}

function workloadOf(objects: KubeObject[]): Workload {
  const workloads = objects.filter((object) => object.kind === 'Deployment' || object.kind === 'StatefulSet');
  expect(workloads).toHaveLength(1);
  return workloads[0] as unknown as Workload;
}

function m365Container(pod: PodSpec): Container {
  const container = pod.containers.find((candidate) => candidate.name === 'm365-otel');
  if (!container) throw new Error('no m365-otel container');
  return container;
}

/**
 * What every m365-otel pod must be, whichever way it was made: the image contract (user 10001, read-only root,
 * config at /etc/m365-otel/m365-otel.yaml, state at /var/lib/m365-otel), the probes on the health port, resources,
 * no capabilities and the runtime's seccomp profile, and a pod whose every mount names one of its volumes.
 */
function expectHardenedPod(workload: Workload): void {
  const { template, selector } = workload.spec;
  const pod = template.spec;
  expect(template.metadata.labels).toMatchObject(selector.matchLabels);
  expect(pod.automountServiceAccountToken).toBe(false);
  expect(pod.securityContext).toMatchObject({
    runAsNonRoot: true,
    runAsUser: 10001,
    runAsGroup: 10001,
    fsGroup: 10001,
    seccompProfile: { type: 'RuntimeDefault' },
  });
  const containers = [...(pod.initContainers ?? []), ...pod.containers];
  const volumes = new Set((pod.volumes ?? []).map((volume) => volume.name));
  for (const claim of workload.spec.volumeClaimTemplates ?? []) volumes.add(claim.metadata.name);
  for (const container of containers) {
    expect(container.securityContext, container.name).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources?.requests?.memory, container.name).toBeDefined();
    expect(container.resources?.limits?.memory, container.name).toBeDefined();
    for (const mount of container.volumeMounts ?? []) expect(volumes, mount.name).toContain(mount.name);
  }
  const m365 = m365Container(pod);
  expect(m365.image).toBe(image);
  expect(m365.args).toEqual(['run', '--config', '/etc/m365-otel/m365-otel.yaml']);
  expect(m365.ports).toContainEqual({ name: 'health', containerPort: 13134 });
  expect(m365.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'health' });
  expect(m365.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'health' });
  const mountPaths = (m365.volumeMounts ?? []).map((mount) => mount.mountPath);
  expect(mountPaths).toContain('/etc/m365-otel/m365-otel.yaml');
  expect(mountPaths).toContain('/var/lib/m365-otel');
  for (const sidecar of pod.initContainers ?? []) {
    // A native sidecar, so it outlives m365-otel's last export on shutdown; its startup probe on the Collector's
    // health_check holds m365-otel back until the Collector takes data.
    expect(sidecar).toMatchObject({ name: 'otel-collector', image: otelcolImage, restartPolicy: 'Always' });
    expect(sidecar.ports).toContainEqual({ name: 'otelcol-health', containerPort: 13133 });
    for (const probe of [sidecar.startupProbe, sidecar.livenessProbe, sidecar.readinessProbe]) {
      expect(probe?.httpGet).toEqual({ path: '/', port: 'otelcol-health' });
    }
  }
}

/** Each replica's StatefulSet identity: its own config by pod index, its own service.instance.id and volume. */
function expectReplicaIdentity(workload: Workload): void {
  expect(workload.kind).toBe('StatefulSet');
  const m365 = m365Container(workload.spec.template.spec);
  const env = m365.env ?? [];
  expect(env).toContainEqual({
    name: 'M365_SHARD_INDEX',
    valueFrom: { fieldRef: { fieldPath: "metadata.labels['apps.kubernetes.io/pod-index']" } },
  });
  expect(env).toContainEqual({ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
  expect(env).toContainEqual({ name: 'OTEL_RESOURCE_ATTRIBUTES', value: 'service.instance.id=$(POD_NAME)' });
  // Kubernetes expands $(VAR) only from variables defined before it.
  const names = env.map((variable) => variable.name);
  expect(names.indexOf('POD_NAME')).toBeLessThan(names.indexOf('OTEL_RESOURCE_ATTRIBUTES'));
  expect(names.indexOf('M365_SHARD_INDEX')).toBeGreaterThanOrEqual(0);
  expect(m365.volumeMounts).toContainEqual(
    expect.objectContaining({
      mountPath: '/etc/m365-otel/m365-otel.yaml',
      subPathExpr: 'shard-$(M365_SHARD_INDEX).yaml',
    }),
  );
  expect(workload.spec.volumeClaimTemplates?.map((claim) => claim.metadata.name) ?? ['state']).toContain(
    'state',
  );
}

/**
 * The configs the workload's replicas read: the ConfigMap of its `config` volume, through the mount at
 * /etc/m365-otel/m365-otel.yaml: one file by subPath, or `shard-N.yaml` for replica N by subPathExpr (and then
 * no file that no replica reads).
 */
function replicaConfigs(objects: KubeObject[], workload: Workload): string[] {
  const pod = workload.spec.template.spec;
  const mount = m365Container(pod).volumeMounts?.find(
    (candidate) => candidate.mountPath === '/etc/m365-otel/m365-otel.yaml',
  );
  const volume = pod.volumes?.find((candidate) => candidate.name === mount?.name);
  const configMap = only<KubeObject & { data: Record<string, string> }>(
    objects,
    'ConfigMap',
    volume?.configMap?.name,
  );
  if (mount?.subPath !== undefined) return [configMap.data[mount.subPath] as string];
  expect(mount?.subPathExpr).toBe('shard-$(M365_SHARD_INDEX).yaml');
  const keys = Array.from({ length: workload.spec.replicas ?? 1 }, (_, index) => `shard-${index}.yaml`);
  expect(Object.keys(configMap.data).sort()).toEqual(keys.sort());
  return keys.map((key) => configMap.data[key] as string);
}

/** Secrets the docs tell the reader to create: `kubectl create secret generic NAME --from-literal=KEY=...`. */
function documentedSecrets(): Map<string, Set<string>> {
  const secrets = new Map<string, Set<string>>();
  for (const [command] of docsPage.matchAll(/kubectl create secret generic (?:[^\\\n]|\\\n)*/g)) {
    const name = /generic (\S+)/.exec(command)?.[1] as string;
    const keys = [...command.matchAll(/--from-(?:literal|file)=([A-Za-z0-9_.-]+)=/g)].map(
      (match) => match[1] as string,
    );
    secrets.set(name, new Set([...(secrets.get(name) ?? []), ...keys]));
  }
  return secrets;
}

/**
 * The environment a container gets: its own variables, and the keys of the Secrets it takes whole (envFrom), as
 * the docs create them; a Secret the docs never show how to create is an error. `webhook` adds what Azure Workload
 * Identity's webhook injects into a pod labelled for it.
 */
function containerEnvironment(container: Container, webhook: boolean): Set<string> {
  const names = new Set((container.env ?? []).map((variable) => variable.name));
  const documented = documentedSecrets();
  for (const source of container.envFrom ?? []) {
    const name = source.secretRef?.name;
    expect(name, 'envFrom names a Secret').toBeDefined();
    const keys = documented.get(name as string);
    expect(keys, `docs/kubernetes.md shows how to create the Secret ${name}`).toBeDefined();
    for (const key of keys ?? []) names.add(key);
  }
  if (webhook) for (const name of webhookEnvironment) names.add(name);
  return names;
}

function referencedVariables(config: string): string[] {
  return [
    ...new Set(
      [...config.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((match) => match[1] as string),
    ),
  ];
}

let configCount = 0;
/**
 * `m365-otel validate` on one replica's config, as the pod would run it: every `${env:NAME}` it references must be
 * given by the container (a dummy of the right shape stands in for the value), its state directory and health
 * endpoint are the ones the probes and the volume expect, and its certificate and CA files lie on mounted Secrets
 * or ConfigMaps (the test's key pair and CA stand in, under a temporary directory, as the state directory does for
 * /var/lib/m365-otel).
 */
async function expectValidConfig(config: string, workload: Workload): Promise<void> {
  const pod = workload.spec.template.spec;
  const m365 = m365Container(pod);
  const webhook = workload.spec.template.metadata.labels['azure.workload.identity/use'] === 'true';
  const available = containerEnvironment(m365, webhook);
  const parsed = parse(config) as {
    state: { directory: string };
    health: unknown;
    tenants: Array<{ certificate?: { keyFile: string; certFile: string }; tls?: { caFile: string } }>;
  };
  expect(parsed.state).toEqual({ directory: '/var/lib/m365-otel' });
  expect(parsed.health).toEqual({ enabled: true, endpoint: '0.0.0.0:13134' });

  const work = join(dir, `config-${configCount++}`);
  await mkdir(join(work, 'state'), { recursive: true });
  const env: Record<string, string> = {};
  for (const name of referencedVariables(config)) {
    expect(available, `${name}, which the config references, reaches the container`).toContain(name);
    if (name === 'AZURE_FEDERATED_TOKEN_FILE') {
      env[name] = join(work, 'azure-identity-token');
      await writeFile(
        env[name],
        'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJl\n',
      );
    } else if (/TENANT_ID|CLIENT_ID/.test(name)) {
      env[name] = '0b9f8c2e-6d4a-4e1b-9c3f-5a7e2d8b1f60';
    } else if (name === 'OTLP_BACKEND_ENDPOINT') {
      env[name] = 'https://otlp.example.test:4318';
    } else {
      env[name] = 'a-client-secret-value-of-forty-characters';
    }
  }
  // Files a tenant's config names (its certificate, an extra CA) come from a mounted Secret or ConfigMap.
  const fileMounts = (m365.volumeMounts ?? []).filter((mount) =>
    pod.volumes?.some(
      (volume) =>
        volume.name === mount.name && volume.name !== 'config' && (volume.secret ?? volume.configMap),
    ),
  );
  const standIns: Array<[string | undefined, string]> = parsed.tenants.flatMap((tenant) => [
    [tenant.certificate?.keyFile, pki.app.keyPem],
    [tenant.certificate?.certFile, pki.app.certPem],
    [tenant.tls?.caFile, pki.caPem],
  ]);
  for (const [path, content] of standIns) {
    if (path === undefined) continue;
    expect(path.startsWith('/etc/m365-otel/')).toBe(true);
    expect(
      fileMounts.some((mount) => path.startsWith(`${mount.mountPath}/`)),
      `${path} is on a mounted Secret or ConfigMap`,
    ).toBe(true);
    const local = join(work, 'files', path.slice('/etc/m365-otel/'.length));
    await mkdir(dirname(local), { recursive: true });
    await writeFile(local, content);
  }
  expect(config.split('directory: /var/lib/m365-otel')).toHaveLength(2);
  const local = config
    .replace('directory: /var/lib/m365-otel', `directory: ${join(work, 'state')}`)
    .replaceAll(/\/etc\/m365-otel\/(certs|ca)\//g, `${join(work, 'files')}/$1/`);
  const file = join(work, 'm365-otel.yaml');
  await writeFile(file, local);
  const outcome = await runCollector(['validate', '--config', file], env);
  expect(outcome.stderr).not.toContain('invalid');
  expect(outcome.code, outcome.stderr).toBe(0);
}

// --- the plain manifests --------------------------------------------------------------------------------------------

describe('deploy/kubernetes: the plain manifests', () => {
  it.each(['deploy/kubernetes/sidecar', 'deploy/kubernetes/standalone'])(
    '%s passes the Kubernetes schema check (OpenAPI types and required fields, no unknown field)',
    async (path) => {
      expect(await checkManifests(await manifestsIn(path))).toEqual([]);
    },
  );

  it('sidecar: m365-otel and a Collector native sidecar in one pod, state on a PVC, one replica replaced whole', async () => {
    const objects = parseManifests(await manifestsIn('deploy/kubernetes/sidecar'));
    const deployment = workloadOf(objects) as Workload & { spec: { strategy: { type: string } } };
    expect(deployment.kind).toBe('Deployment');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy.type).toBe('Recreate');
    expectHardenedPod(deployment);
    const pod = deployment.spec.template.spec;
    expect(pod.initContainers?.map((container) => container.name)).toEqual(['otel-collector']);
    const state = pod.volumes?.find((volume) => volume.name === 'state');
    only(objects, 'PersistentVolumeClaim', state?.persistentVolumeClaim?.claimName);
    const [config] = replicaConfigs(objects, deployment);
    expect(parse(config as string).export).toEqual({
      otlp: { endpoint: 'http://localhost:4318', protocol: 'http/protobuf' },
    });
    await expectValidConfig(config as string, deployment);
    // The Collector's own references (OTLP_BACKEND_ENDPOINT) reach it too.
    const collector = pod.initContainers?.[0] as Container;
    const otelcol = only<KubeObject & { data: Record<string, string> }>(
      objects,
      'ConfigMap',
      'm365-otel-otelcol',
    );
    for (const name of referencedVariables(otelcol.data['config.yaml'] as string)) {
      expect(containerEnvironment(collector, false)).toContain(name);
    }
  });

  it(`sidecar: the Collector's ConfigMap is ${sidecarExample} verbatim, as the chart's copy is`, async () => {
    const objects = parseManifests(await manifestsIn('deploy/kubernetes/sidecar'));
    const otelcol = only<KubeObject & { data: Record<string, string> }>(
      objects,
      'ConfigMap',
      'm365-otel-otelcol',
    );
    const chartCopy = await readFile(join(chartDir, 'files/otelcol-sidecar.yaml'), 'utf8');
    expect(otelcol.data['config.yaml']).toBe(chartCopy);
    expect(chartCopy).toBe(await readFile(join(repoRoot, sidecarExample), 'utf8'));
    // The sidecar's probes ask the port its health_check extension listens on.
    const extensions = (parse(chartCopy) as { extensions: { health_check: { endpoint: string } } })
      .extensions;
    expect(extensions.health_check.endpoint).toBe('0.0.0.0:13133');
  });

  it('standalone: a StatefulSet whose replicas each read their own shard and keep their own state and identity', async () => {
    const objects = parseManifests(await manifestsIn('deploy/kubernetes/standalone'));
    const statefulSet = workloadOf(objects);
    expectHardenedPod(statefulSet);
    expectReplicaIdentity(statefulSet);
    const service = only<KubeObject & { spec: { clusterIP: string } }>(
      objects,
      'Service',
      statefulSet.spec.serviceName,
    );
    expect(service.spec.clusterIP).toBe('None');
    const configs = replicaConfigs(objects, statefulSet);
    expect(configs.length).toBeGreaterThan(1);
    const tenants = configs.flatMap(
      (config) => (parse(config) as { tenants: Array<{ tenantId: string }> }).tenants,
    );
    expect(new Set(tenants.map((tenant) => tenant.tenantId)).size, 'disjoint tenants').toBe(tenants.length);
    for (const config of configs) {
      expect(parse(config).export).toEqual({
        otlp: { endpoint: 'http://otel-collector:4318', protocol: 'http/protobuf' },
      });
      await expectValidConfig(config, statefulSet);
    }
  });
});

/** Adler-32 (RFC 1950), the checksum Helm's `adler32sum` computes. */
function adler32(text: string): number {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(text, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return (b * 65536 + a) >>> 0;
}

// --- the Helm chart -------------------------------------------------------------------------------------------------

/** Helm's arguments for the Kubernetes version of the check and one of the chart's ci/ values files. */
function forValues(valuesFile: string): string[] {
  return ['--kube-version', kubeVersion, '--values', join(chartDir, 'ci', valuesFile)];
}

async function helmTemplate(valuesFile: string): Promise<string> {
  const outcome = await runHelm([
    'template',
    'm365-otel',
    chartDir,
    '--namespace',
    'monitoring',
    ...forValues(valuesFile),
  ]);
  expect(outcome.stderr).toBe('');
  expect(outcome.exitCode).toBe(0);
  return outcome.stdout;
}

describe('deploy/helm/m365-otel: the chart', () => {
  it('is the version of the collector it deploys, and its values schema is generated from the config schema', async () => {
    const chart = parse(await readFile(join(chartDir, 'Chart.yaml'), 'utf8')) as { appVersion: string };
    expect(chart.appVersion).toBe(collectorVersion);
    const committed: unknown = JSON.parse(await readFile(valuesSchemaPath, 'utf8'));
    expect(committed, 'run `pnpm --filter @m365-otel/kube run values-schema`').toEqual(
      JSON.parse(await generateValuesSchema()),
    );
  });

  it("docs/kubernetes.md's values table names every value of values.yaml and every key of a tenant", async () => {
    const values = parse(await readFile(join(chartDir, 'values.yaml'), 'utf8')) as Record<string, unknown>;
    const table = docsPage.slice(docsPage.indexOf('### Values'), docsPage.indexOf('## Workload Identity'));
    const named = new Set([...table.matchAll(/`([A-Za-z.[\]]+)`/g)].map((match) => match[1] as string));
    // A mapping of the chart's own is named key by key; Kubernetes fields and m365-otel's sections as a whole.
    const whole = new Set([
      ...passThroughSections,
      'resources',
      'podSecurityContext',
      'securityContext',
      'sidecar.resources',
      'sidecar.config',
      'export.buffer',
    ]);
    const leaves = (node: unknown, path: string): string[] =>
      node !== null &&
      typeof node === 'object' &&
      !Array.isArray(node) &&
      Object.keys(node).length > 0 &&
      !whole.has(path)
        ? Object.entries(node).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key))
        : [path];
    const missing = leaves(values, '').filter((path) => path !== 'tenants' && !named.has(path));
    expect(missing).toEqual([]);
    const schema = JSON.parse(await readFile(valuesSchemaPath, 'utf8')) as {
      properties: { tenants: { items: { properties: Record<string, unknown> } } };
    };
    for (const key of Object.keys(schema.properties.tenants.items.properties)) {
      expect(
        [...named].some((name) => name.startsWith(`tenants[].${key}`)),
        `tenants[].${key}`,
      ).toBe(true);
    }
  });

  it('has a values file for each way of running it', () => {
    expect(valuesFiles).toEqual([
      'default-values.yaml',
      'sharded-values.yaml',
      'sidecar-values.yaml',
      'workload-identity-values.yaml',
    ]);
  });

  it.each(valuesFiles)(
    'with ci/%s: lints clean, renders what Kubernetes accepts and m365-otel validates',
    async (valuesFile) => {
      const lint = await runHelm(['lint', '--strict', chartDir, ...forValues(valuesFile)]);
      expect(lint.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
      expect(lint.exitCode).toBe(0);
      const rendered = await helmTemplate(valuesFile);
      expect(await checkManifests(rendered)).toEqual([]);
      const objects = parseManifests(rendered);
      const statefulSet = workloadOf(objects);
      expectHardenedPod(statefulSet);
      expectReplicaIdentity(statefulSet);
      expect(statefulSet.spec.template.spec.serviceAccountName).toBe(
        only(objects, 'ServiceAccount').metadata.name,
      );
      await Promise.all(
        replicaConfigs(objects, statefulSet).map((config) => expectValidConfig(config, statefulSet)),
      );
    },
  );

  it('sharded: each tenant on exactly one replica, pinned ones where pinned, the others by the hash of their id', async () => {
    const values = parse(await readFile(join(chartDir, 'ci/sharded-values.yaml'), 'utf8')) as {
      sharding: { shards: number };
      tenants: Array<{ tenantId: string; shard?: number }>;
    };
    const objects = parseManifests(await helmTemplate('sharded-values.yaml'));
    const statefulSet = workloadOf(objects);
    expect(statefulSet.spec.replicas).toBe(values.sharding.shards);
    expect(statefulSet.spec.volumeClaimTemplates?.map((claim) => claim.metadata.name)).toEqual(['state']);
    const byReplica = replicaConfigs(objects, statefulSet).map((config) =>
      (parse(config) as { tenants: Array<{ tenantId: string }> }).tenants.map((tenant) => tenant.tenantId),
    );
    expect(byReplica.flat().sort()).toEqual(values.tenants.map((tenant) => tenant.tenantId).sort());
    for (const tenant of values.tenants) {
      if (tenant.shard !== undefined) expect(byReplica[tenant.shard]).toContain(tenant.tenantId);
    }
    // An unpinned tenant is where docs/kubernetes.md says: the adler32 checksum of its lower-cased id, modulo shards.
    for (const tenant of values.tenants.filter((candidate) => candidate.shard === undefined)) {
      const shard = adler32(tenant.tenantId.toLowerCase()) % values.sharding.shards;
      expect(byReplica[shard], tenant.tenantId).toContain(tenant.tenantId);
    }
    only(objects, 'NetworkPolicy');
  });

  it('sidecar: exports to the Collector on localhost, which sends to the backend the values name', async () => {
    const objects = parseManifests(await helmTemplate('sidecar-values.yaml'));
    const statefulSet = workloadOf(objects);
    const [config] = replicaConfigs(objects, statefulSet);
    expect((parse(config as string) as { export: { otlp: { endpoint: string } } }).export.otlp.endpoint).toBe(
      'http://localhost:4318',
    );
    const collector = statefulSet.spec.template.spec.initContainers?.[0] as Container;
    expect(collector.env).toContainEqual({
      name: 'OTLP_BACKEND_ENDPOINT',
      value: 'https://otlp.observability.svc.cluster.local:4318',
    });
    const otelcol = only<KubeObject & { data: Record<string, string> }>(
      objects,
      'ConfigMap',
      'm365-otel-otelcol',
    );
    expect(otelcol.data['config.yaml']).toBe(
      await readFile(join(chartDir, 'files/otelcol-sidecar.yaml'), 'utf8'),
    );
  });

  it("workload identity: the webhook's pod label, the ServiceAccount's client id, the federated token file per tenant", async () => {
    const objects = parseManifests(await helmTemplate('workload-identity-values.yaml'));
    const statefulSet = workloadOf(objects);
    expect(statefulSet.spec.template.metadata.labels['azure.workload.identity/use']).toBe('true');
    const account = only<KubeObject>(objects, 'ServiceAccount');
    expect(account.metadata.annotations?.['azure.workload.identity/client-id']).toMatch(/^[0-9a-f-]{36}$/);
    const [config] = replicaConfigs(objects, statefulSet);
    const tenants = (parse(config as string) as { tenants: Array<Record<string, unknown>> }).tenants;
    expect(tenants.length).toBe(2);
    for (const tenant of tenants) {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own reference syntax, not a template.
      expect(tenant.workloadIdentity).toEqual({ tokenFile: '${env:AZURE_FEDERATED_TOKEN_FILE}' });
      expect(tenant).not.toHaveProperty('clientSecret');
    }
    // No tenant of these values has a secret: nothing from a Secret reaches the pod.
    expect(JSON.stringify(statefulSet)).not.toContain('secretKeyRef');
  });

  it.each([
    ['the defaults alone (no tenant)', [], 'tenants is empty'],
    ['an unknown key', ['--set', 'sharding.replicas=2'], "additional properties 'replicas' not allowed"],
    ['a tenant id that is no GUID', ['--set', 'tenants[0].tenantId=contoso'], 'is not valid uuid'],
    ['two credentials for one tenant', ['--set-json', 'tenants[0].workloadIdentity=true'], "'oneOf' failed"],
    [
      'a tenant pinned to a shard that does not exist',
      ['--set', 'tenants[0].shard=3'],
      'tenants[0].shard is 3, but sharding.shards is 1',
    ],
    [
      'two shards with one tenant (a replica would have none)',
      ['--set', 'sharding.shards=2', '--set', 'tenants[0].shard=0'],
      'shard 1 has no tenants',
    ],
    [
      'a client secret without existingSecret',
      ['--set', 'existingSecret='],
      'existingSecret, which is not set',
    ],
    [
      'the sidecar without a backend',
      ['--set', 'sidecar.enabled=true'],
      'sidecar.backendEndpoint is required',
    ],
  ])('refuses %s', async (_name, args, message) => {
    const withTenant = args.length > 0 ? ['--values', join(chartDir, 'ci/default-values.yaml')] : [];
    const outcome = await runHelm([
      'template',
      'm365-otel',
      chartDir,
      '--kube-version',
      kubeVersion,
      ...withTenant,
      ...args,
    ]);
    expect(outcome.exitCode).not.toBe(0);
    expect(outcome.stderr).toContain(message);
  });
});

// --- the check itself -----------------------------------------------------------------------------------------------

describe('the Kubernetes schema check refuses a broken manifest', () => {
  const statefulSet = async () =>
    parseManifests(
      await readFile(join(repoRoot, 'deploy/kubernetes/standalone/statefulset.yaml'), 'utf8'),
    )[0] as KubeObject & {
      spec: Workload['spec'] & Record<string, unknown>;
    };

  it('a misspelt field, which only the strict decoder sees (the OpenAPI schema lets it through)', async () => {
    const broken = await statefulSet();
    const container = broken.spec.template.spec.containers[0] as unknown as Record<string, unknown>;
    container.livenesProbe = container.livenessProbe;
    delete container.livenessProbe;
    expect(await validateWithModels(broken)).toEqual([]);
    expect(await strictDecode(JSON.stringify(broken))).toEqual([
      'StatefulSet/m365-otel: unknown field "spec.template.spec.containers[0].livenesProbe"',
    ]);
  });

  it('a missing required field, which only the OpenAPI schema sees (Go decodes it to an empty string)', async () => {
    const broken = await statefulSet();
    delete (broken.spec.template.spec.containers[0] as Partial<Container>).name;
    expect(await strictDecode(JSON.stringify(broken))).toEqual([]);
    expect(await checkManifests(JSON.stringify(broken))).toEqual([
      'StatefulSet/m365-otel: /spec/template/spec/containers/0 must have required property name',
    ]);
  });

  it('a wrong type and a malformed quantity', async () => {
    const broken = await statefulSet();
    (broken.spec as Record<string, unknown>).replicas = 'two';
    const problems = await checkManifests(JSON.stringify(broken));
    expect(problems).toContain('StatefulSet/m365-otel: /spec/replicas must be integer');
    expect(
      problems.some((problem) => problem.includes('cannot unmarshal string') && problem.includes('replicas')),
    ).toBe(true);
    const quantity = await statefulSet();
    (quantity.spec.template.spec.containers[0] as Container).resources = { limits: { memory: '1 GB' } };
    expect(await strictDecode(JSON.stringify(quantity))).toEqual([
      expect.stringContaining('quantities must match the regular expression'),
    ]);
  });
});
