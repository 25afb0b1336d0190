/**
 * Pod defaulting as the API server's v1 defaulters do it (pkg/apis/core/v1/defaults.go and the
 * generated declarative defaults): pod spec policies, container pull policy and termination
 * message, port protocols, probe timings, volume modes, downward API versions. `defaultPodSpec`
 * applies to every PodSpec (templates too); `defaultPod` adds what only a Pod gets.
 */
import type { Container, PodSpec, Probe, Volume } from "kubernetes-types/core/v1";

/** The default file mode of secret, configMap, downwardAPI and projected volumes (0644). */
export const DEFAULT_FILE_MODE = 420;

/** SetDefaults_PodSpec and the defaults of everything inside a PodSpec. */
export function defaultPodSpec(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = "ClusterFirst";
  if (!spec.restartPolicy) spec.restartPolicy = "Always";
  if (!spec.securityContext) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = "default-scheduler";
  if (spec.containers) for (const c of spec.containers) defaultContainer(c);
  if (spec.initContainers) for (const c of spec.initContainers) defaultContainer(c);
  if (spec.ephemeralContainers) for (const c of spec.ephemeralContainers) defaultContainer(c as Container);
  if (spec.volumes) for (const v of spec.volumes) defaultVolume(v);
}

/** SetDefaults_Pod: requests default to limits, service links on, host ports under hostNetwork. */
export function defaultPod(spec: PodSpec): void {
  defaultPodSpec(spec);
  for (const list of [spec.containers, spec.initContainers]) {
    for (const c of list ?? []) {
      const limits = c.resources?.limits;
      if (!limits) continue;
      const requests = (c.resources!.requests ??= {});
      for (const [k, v] of Object.entries(limits)) if (requests[k] === undefined) requests[k] = v;
    }
  }
  if (spec.enableServiceLinks === undefined) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    for (const list of [spec.containers, spec.initContainers]) {
      for (const c of list ?? []) for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
}

/** SetDefaults_Container plus its ports, env, probes and hooks. */
export function defaultContainer(c: Container): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? "") === "latest" ? "Always" : "IfNotPresent";
  if (!c.terminationMessagePath) c.terminationMessagePath = "/dev/termination-log";
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = "File";
  if (!c.resources) c.resources = {};
  for (const p of c.ports ?? []) if (!p.protocol) p.protocol = "TCP";
  for (const e of c.env ?? []) if (e.valueFrom?.fieldRef && !e.valueFrom.fieldRef.apiVersion) e.valueFrom.fieldRef.apiVersion = "v1";
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  for (const hook of [c.lifecycle?.postStart, c.lifecycle?.preStop]) defaultHTTPGet(hook?.httpGet);
}

/** SetDefaults_Probe and the handler defaults. */
function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHTTPGet(p.httpGet);
  if (p.grpc && p.grpc.service === undefined) p.grpc.service = "";
}

function defaultHTTPGet(h: { path?: string; scheme?: string } | undefined): void {
  if (!h) return;
  if (!h.path) h.path = "/";
  if (!h.scheme) h.scheme = "HTTP";
}

/** SetDefaults_Volume and the defaults of each volume source. */
export function defaultVolume(v: Volume): void {
  const src = v as unknown as Record<string, unknown>;
  if (!Object.keys(src).some((k) => k !== "name")) v.emptyDir = {};
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = "";
  if (v.secret && v.secret.defaultMode === undefined) v.secret.defaultMode = DEFAULT_FILE_MODE;
  if (v.configMap && v.configMap.defaultMode === undefined) v.configMap.defaultMode = DEFAULT_FILE_MODE;
  if (v.downwardAPI) {
    if (v.downwardAPI.defaultMode === undefined) v.downwardAPI.defaultMode = DEFAULT_FILE_MODE;
    for (const item of v.downwardAPI.items ?? []) if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = "v1";
  }
  if (v.projected) {
    if (v.projected.defaultMode === undefined) v.projected.defaultMode = DEFAULT_FILE_MODE;
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken && s.serviceAccountToken.expirationSeconds === undefined) s.serviceAccountToken.expirationSeconds = 3600;
      for (const item of s.downwardAPI?.items ?? []) if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = "v1";
    }
  }
  if (v.iscsi && !v.iscsi.iscsiInterface) v.iscsi.iscsiInterface = "default";
  if (v.rbd) {
    v.rbd.pool ??= "rbd";
    v.rbd.user ??= "admin";
    v.rbd.keyring ??= "/etc/ceph/keyring";
  }
  if (v.azureDisk) {
    v.azureDisk.cachingMode ??= "ReadWrite";
    v.azureDisk.fsType ??= "ext4";
    v.azureDisk.readOnly ??= false;
    v.azureDisk.kind ??= "Shared";
  }
  if (v.ephemeral?.volumeClaimTemplate?.spec && !v.ephemeral.volumeClaimTemplate.spec.volumeMode) v.ephemeral.volumeClaimTemplate.spec.volumeMode = "Filesystem";
}

/**
 * The tag of an image reference as parsers.ParseImageName finds it: "latest" when neither a tag nor
 * a digest is given; "" for a digest-only reference.
 */
export function imageTag(image: string): string {
  const at = image.indexOf("@");
  const ref = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = ref.lastIndexOf("/");
  const colon = ref.indexOf(":", lastSlash + 1);
  if (colon >= 0) return ref.slice(colon + 1);
  return at >= 0 ? "" : "latest";
}
