{{/*
Chart name, truncated to the 63 characters a DNS label allows.
*/}}
{{- define "vision-gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name; the release name alone when it already contains the chart name.
*/}}
{{- define "vision-gateway.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "vision-gateway.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "vision-gateway.labels" -}}
helm.sh/chart: {{ include "vision-gateway.chart" . }}
{{ include "vision-gateway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels never change after the first install: a Deployment's selector is immutable.
*/}}
{{- define "vision-gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vision-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "vision-gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "vision-gateway.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The Secret that holds GEMINI_API_KEY (and the caller key hashes): the operator's own, or the one this chart renders.
*/}}
{{- define "vision-gateway.secretName" -}}
{{- default (include "vision-gateway.fullname" .) .Values.existingSecret }}
{{- end }}

{{/*
A PodDisruptionBudget only makes sense when more than one pod runs: with one, minAvailable 1 would block every node drain.
*/}}
{{- define "vision-gateway.pdbEnabled" -}}
{{- if .Values.podDisruptionBudget.enabled }}
{{- if .Values.autoscaling.enabled }}
{{- if gt (int .Values.autoscaling.minReplicas) 1 }}true{{ end }}
{{- else if gt (int .Values.replicaCount) 1 }}true{{ end }}
{{- end }}
{{- end }}

{{/*
redis.url taken apart into a dict (host, port, database, ssl). The chart passes host and port rather than the URL:
Spring Boot takes the password from the URL whenever spring.data.redis.url is set and ignores
SPRING_DATA_REDIS_PASSWORD, so a URL would drop the password that comes from redis.existingSecret.
*/}}
{{- define "vision-gateway.redis" -}}
{{- $url := required "redis.enabled needs redis.url, e.g. redis://redis-master:6379" .Values.redis.url }}
{{- $parsed := urlParse $url }}
{{- if not (has $parsed.scheme (list "redis" "rediss")) }}
{{- fail (printf "redis.url must start with redis:// or rediss:// but was %s" $url) }}
{{- end }}
{{- if $parsed.userinfo }}
{{- fail "redis.url must not hold credentials: put the password in the Secret named by redis.existingSecret" }}
{{- end }}
{{- $hostPort := splitList ":" $parsed.host }}
{{- $database := trimPrefix "/" $parsed.path }}
{{- dict "host" (first $hostPort) "port" (ternary (last $hostPort) "6379" (eq (len $hostPort) 2)) "database" $database "ssl" (eq $parsed.scheme "rediss") | toJson }}
{{- end }}

{{/*
Label matchers for this release's series in alert expressions.
*/}}
{{- define "vision-gateway.seriesSelector" -}}
{{- if .Values.prometheusRule.seriesSelector }}
{{- .Values.prometheusRule.seriesSelector }}
{{- else }}
{{- printf "namespace=%q,job=%q" .Release.Namespace (include "vision-gateway.fullname" .) }}
{{- end }}
{{- end }}

{{/*
Labels of the helm test pod: not the selector labels, so the Service never routes to it.
*/}}
{{- define "vision-gateway.testLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: helm-test
{{- end }}
