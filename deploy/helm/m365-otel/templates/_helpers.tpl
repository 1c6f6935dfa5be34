{{/* The chart's name, for labels. */}}
{{- define "m365-otel.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The objects' name: the release's, with the chart's name unless it already contains it. */}}
{{- define "m365-otel.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "m365-otel.selectorLabels" -}}
app.kubernetes.io/name: {{ include "m365-otel.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "m365-otel.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "m365-otel.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "m365-otel.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "m365-otel.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
The replica a tenant belongs to: its `shard` when set, else its tenant id's adler32 checksum modulo the number of
shards, a hash that stays the same from one render to the next. Called with (list $ index tenant).
*/}}
{{- define "m365-otel.tenantShard" -}}
{{- $root := index . 0 -}}
{{- $index := index . 1 -}}
{{- $tenant := index . 2 -}}
{{- $shards := int $root.Values.sharding.shards -}}
{{- if hasKey $tenant "shard" -}}
{{- if ge (int $tenant.shard) $shards -}}
{{- fail (printf "tenants[%d].shard is %d, but sharding.shards is %d: shards are numbered from 0" $index (int $tenant.shard) $shards) -}}
{{- end -}}
{{- int $tenant.shard -}}
{{- else -}}
{{- mod (atoi (adler32sum (lower $tenant.tenantId))) $shards -}}
{{- end -}}
{{- end -}}

{{/* Whether any tenant signs in with Azure Workload Identity ("true" or ""). */}}
{{- define "m365-otel.workloadIdentity" -}}
{{- range .Values.tenants -}}
{{- if .workloadIdentity -}}true{{- end -}}
{{- end -}}
{{- end -}}

{{/* The export endpoint: the one set, else the sidecar on localhost, else the gateway Service otel-collector. */}}
{{- define "m365-otel.exportEndpoint" -}}
{{- if .Values.export.otlp.endpoint -}}
{{- .Values.export.otlp.endpoint -}}
{{- else if .Values.sidecar.enabled -}}
http://localhost:4318
{{- else -}}
http://otel-collector:4318
{{- end -}}
{{- end -}}

{{/*
One replica's m365-otel configuration (docs/config.md), called with (list $ shard). Secrets never enter it: a
client secret is ${env:M365_CLIENT_SECRET_<index>} (from existingSecret), a certificate is a file of the Secret
mounted under /etc/m365-otel/certs/<index>/, Workload Identity's token is the file the webhook names in
AZURE_FEDERATED_TOKEN_FILE. An extra CA is a file of the ConfigMap mounted under /etc/m365-otel/ca/<index>/.
*/}}
{{- define "m365-otel.config" -}}
{{- $root := index . 0 -}}
{{- $shard := index . 1 -}}
{{- $values := $root.Values -}}
{{- $tenants := list -}}
{{- range $index, $tenant := $values.tenants -}}
{{- if eq (include "m365-otel.tenantShard" (list $root $index $tenant)) (toString $shard) -}}
{{- $entry := dict "tenantId" $tenant.tenantId "clientId" $tenant.clientId -}}
{{- $credentials := 0 -}}
{{- if $tenant.clientSecret -}}
{{- if not $values.existingSecret -}}
{{- fail (printf "tenants[%d].clientSecret names a key of existingSecret, which is not set" $index) -}}
{{- end -}}
{{- $_ := set $entry "clientSecret" (printf "${env:M365_CLIENT_SECRET_%d}" $index) -}}
{{- $credentials = add1 $credentials -}}
{{- end -}}
{{- if $tenant.certificate -}}
{{- $dir := printf "/etc/m365-otel/certs/%d" $index -}}
{{- $_ := set $entry "certificate" (dict "keyFile" (printf "%s/%s" $dir ($tenant.certificate.keyKey | default "tls.key")) "certFile" (printf "%s/%s" $dir ($tenant.certificate.certKey | default "tls.crt"))) -}}
{{- $credentials = add1 $credentials -}}
{{- end -}}
{{- if $tenant.workloadIdentity -}}
{{- $_ := set $entry "workloadIdentity" (dict "tokenFile" "${env:AZURE_FEDERATED_TOKEN_FILE}") -}}
{{- $credentials = add1 $credentials -}}
{{- end -}}
{{- if ne $credentials 1 -}}
{{- fail (printf "tenants[%d] needs exactly one of clientSecret, certificate and workloadIdentity: true" $index) -}}
{{- end -}}
{{- if $tenant.cloud -}}{{- $_ := set $entry "cloud" $tenant.cloud -}}{{- end -}}
{{- if $tenant.endpoints -}}{{- $_ := set $entry "endpoints" $tenant.endpoints -}}{{- end -}}
{{- if $tenant.tls -}}
{{- $_ := set $entry "tls" (dict "caFile" (printf "/etc/m365-otel/ca/%d/%s" $index ($tenant.tls.caKey | default "ca.crt"))) -}}
{{- end -}}
{{- $tenants = append $tenants $entry -}}
{{- end -}}
{{- end -}}
{{- if not $tenants -}}
{{- fail (printf "shard %d has no tenants: set tenants, pin them to shards with tenants[].shard, or lower sharding.shards" (int $shard)) -}}
{{- end -}}
{{- $otlp := dict "endpoint" (include "m365-otel.exportEndpoint" $root) "protocol" $values.export.otlp.protocol -}}
{{- $export := dict "otlp" $otlp -}}
{{- if $values.export.buffer -}}{{- $_ := set $export "buffer" $values.export.buffer -}}{{- end -}}
# Replica {{ $shard }} of {{ include "m365-otel.fullname" $root }}, rendered by the m365-otel chart.
tenants:
{{ toYaml $tenants | indent 2 }}
reports:
{{ toYaml $values.reports | indent 2 }}
serviceHealth:
{{ toYaml $values.serviceHealth | indent 2 }}
audit:
{{ toYaml $values.audit | indent 2 }}
governance:
{{ toYaml $values.governance | indent 2 }}
callQuality:
{{ toYaml $values.callQuality | indent 2 }}
{{- if $values.metrics }}
metrics:
{{ toYaml $values.metrics | indent 2 }}
{{- end }}
log:
{{ toYaml $values.log | indent 2 }}
state:
  directory: /var/lib/m365-otel
health:
  enabled: true
  endpoint: 0.0.0.0:13134
export:
{{ toYaml $export | indent 2 }}
{{- end -}}
