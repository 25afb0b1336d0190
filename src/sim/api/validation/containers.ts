/**
 * Container validation (validateContainers, validateInitContainers, validateContainerCommon):
 * names, images, ports, environment, volume mounts, pull policy, resources, probes and hooks.
 */
import type { Container, ContainerPort, EnvFromSource, EnvVar, Volume, VolumeMount } from "kubernetes-types/core/v1";
import { FieldPath, duplicate, forbidden, invalid, invalidEach, notFound, notSupported, required, type FieldError } from "./field";
import { isConfigMapKey, isDNS1123Label, isEnvVarName, isValidPortName, isValidPortNum, nameIsDNSSubdomain } from "./names";
import { validateLifecycle, validateLivenessProbe, validateReadinessProbe, validateStartupProbe } from "./probes";
import { validateResourceRequirements } from "./resources";
import { validateObjectFieldSelector, validateResourceFieldSelector } from "./selectors";
import { localDescendingPath } from "./volumes";

const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const ENV_FIELD_PATHS = ["metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"];

/** Context shared by every container of a pod spec. */
export interface ContainerContext {
  volumes: Map<string, Volume>;
  gracePeriod: number | undefined;
}

/** validateContainers: at least one, unique names, probes and hooks, no per-container restartPolicy. */
export function validateContainers(containers: readonly Container[] | undefined, ctx: ContainerContext, path: FieldPath): FieldError[] {
  if (!containers || containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, ctx, p));
    if (names.has(c.name)) errs.push(duplicate(p.child("name"), c.name));
    else names.add(c.name);
    errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, p.child("lifecycle")));
    errs.push(...validateLivenessProbe(c.livenessProbe, ctx.gracePeriod, p.child("livenessProbe")));
    errs.push(...validateReadinessProbe(c.readinessProbe, ctx.gracePeriod, p.child("readinessProbe")));
    errs.push(...validateStartupProbe(c.startupProbe, ctx.gracePeriod, p.child("startupProbe")));
    if (c.restartPolicy !== undefined) errs.push(forbidden(p.child("restartPolicy"), "may not be set for non-init containers"));
  });
  errs.push(...hostPortConflicts(containers, path));
  return errs;
}

/** validateInitContainers: names unique across all containers; probes and hooks only for sidecars. */
export function validateInitContainers(containers: readonly Container[] | undefined, regular: readonly Container[] | undefined, ctx: ContainerContext, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => c.name));
  (containers ?? []).forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, ctx, p));
    let sidecar = false;
    if (c.restartPolicy !== undefined) {
      if (c.restartPolicy !== "Always") errs.push(notSupported(p.child("restartPolicy"), c.restartPolicy, ["Always"]));
      sidecar = c.restartPolicy === "Always";
    }
    if (names.has(c.name)) errs.push(duplicate(p.child("name"), c.name));
    else if (c.name) names.add(c.name);
    errs.push(...hostPortConflicts([c], path));
    if (sidecar) {
      errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, p.child("lifecycle")));
      errs.push(...validateLivenessProbe(c.livenessProbe, ctx.gracePeriod, p.child("livenessProbe")));
      errs.push(...validateReadinessProbe(c.readinessProbe, ctx.gracePeriod, p.child("readinessProbe")));
      errs.push(...validateStartupProbe(c.startupProbe, ctx.gracePeriod, p.child("startupProbe")));
    } else {
      const why = "may not be set for init containers without restartPolicy=Always";
      if (c.lifecycle) errs.push(forbidden(p.child("lifecycle"), why));
      if (c.livenessProbe) errs.push(forbidden(p.child("livenessProbe"), why));
      if (c.readinessProbe) errs.push(forbidden(p.child("readinessProbe"), why));
      if (c.startupProbe) errs.push(forbidden(p.child("startupProbe"), why));
    }
  });
  return errs;
}

/** validateContainerCommon: what every kind of container must satisfy. */
export function validateContainerCommon(c: Container, ctx: ContainerContext, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(path.child("name")));
  else errs.push(...invalidEach(path.child("name"), c.name, isDNS1123Label(c.name)));
  if (!c.image) errs.push(required(path.child("image")));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(required(path.child("terminationMessagePolicy")));
  else if (tmp !== "File" && tmp !== "FallbackToLogsOnError") errs.push(notSupported(path.child("terminationMessagePolicy"), tmp, ["File", "FallbackToLogsOnError"]));
  errs.push(...validateContainerPorts(c.ports, path.child("ports")));
  errs.push(...validateEnv(c.env, path.child("env")));
  errs.push(...validateEnvFrom(c.envFrom, path.child("envFrom")));
  errs.push(...validateVolumeMounts(c.volumeMounts, ctx.volumes, path.child("volumeMounts")));
  if (!c.imagePullPolicy) errs.push(required(path.child("imagePullPolicy")));
  else if (!PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(notSupported(path.child("imagePullPolicy"), c.imagePullPolicy, PULL_POLICIES));
  errs.push(...validateResourceRequirements(c.resources, path.child("resources")));
  errs.push(...validateSecurityContext(c.securityContext as Record<string, any> | undefined, path.child("securityContext")));
  return errs;
}

function validateContainerPorts(ports: readonly ContainerPort[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = path.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length > 0) errs.push(...invalidEach(p.child("name"), port.name, msgs));
      else if (names.has(port.name)) errs.push(duplicate(p.child("name"), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(p.child("containerPort")));
    else errs.push(...invalidEach(p.child("containerPort"), port.containerPort, isValidPortNum(port.containerPort)));
    if (port.hostPort) errs.push(...invalidEach(p.child("hostPort"), port.hostPort, isValidPortNum(port.hostPort)));
    if (!port.protocol) errs.push(required(p.child("protocol")));
    else if (!PROTOCOLS.includes(port.protocol)) errs.push(notSupported(p.child("protocol"), port.protocol, PROTOCOLS));
  });
  return errs;
}

/** checkHostPortConflicts: one protocol/hostIP/hostPort per pod. */
export function hostPortConflicts(containers: readonly Container[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ""}/${port.hostIP ?? ""}/${port.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(path.index(ci).child("ports").index(pi).child("hostPort"), key));
      else seen.add(key);
    });
  });
  return errs;
}

function validateEnv(env: readonly EnvVar[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((ev, i) => {
    const p = path.index(i);
    if (!ev.name) errs.push(required(p.child("name")));
    else errs.push(...invalidEach(p.child("name"), ev.name, isEnvVarName(ev.name)));
    errs.push(...validateValueFrom(ev, p.child("valueFrom")));
  });
  return errs;
}

function validateValueFrom(ev: EnvVar, path: FieldPath): FieldError[] {
  const from = ev.valueFrom;
  if (!from) return [];
  const errs: FieldError[] = [];
  let n = 0;
  if (from.fieldRef) {
    n++;
    errs.push(...validateObjectFieldSelector(from.fieldRef, ENV_FIELD_PATHS, path.child("fieldRef")));
  }
  if (from.resourceFieldRef) {
    n++;
    errs.push(...validateResourceFieldSelector(from.resourceFieldRef, false, path.child("resourceFieldRef")));
  }
  for (const key of ["configMapKeyRef", "secretKeyRef"] as const) {
    const ref = from[key];
    if (!ref) continue;
    n++;
    const p = path.child(key);
    errs.push(...invalidEach(p.child("name"), ref.name ?? "", nameIsDNSSubdomain(ref.name ?? "", false)));
    if (!ref.key) errs.push(required(p.child("key")));
    else errs.push(...invalidEach(p.child("key"), ref.key, isConfigMapKey(ref.key)));
  }
  if (n === 0) errs.push(invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
  else if (ev.value) errs.push(invalid(path, "", "may not be specified when `value` is not empty"));
  else if (n > 1) errs.push(invalid(path, "", "may not have more than one field specified at a time"));
  return errs;
}

function validateEnvFrom(envFrom: readonly EnvFromSource[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (envFrom ?? []).forEach((ev, i) => {
    const p = path.index(i);
    if (ev.prefix) errs.push(...invalidEach(p.child("prefix"), ev.prefix, isEnvVarName(ev.prefix)));
    let n = 0;
    for (const key of ["configMapRef", "secretRef"] as const) {
      const ref = ev[key];
      if (!ref) continue;
      n++;
      if (!ref.name) errs.push(required(p.child(key, "name")));
      else errs.push(...invalidEach(p.child(key, "name"), ref.name, nameIsDNSSubdomain(ref.name, true)));
    }
    if (n === 0) errs.push(invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
    else if (n > 1) errs.push(invalid(path, "", "may not have more than one field specified at a time"));
  });
  return errs;
}

const MOUNT_PROPAGATIONS = ["Bidirectional", "HostToContainer", "None"];

function validateVolumeMounts(mounts: readonly VolumeMount[] | undefined, volumes: Map<string, Volume>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const p = path.index(i);
    if (!m.name) errs.push(required(p.child("name")));
    if (!volumes.has(m.name)) errs.push(notFound(p.child("name"), m.name ?? ""));
    if (!m.mountPath) errs.push(required(p.child("mountPath")));
    if (mountPoints.has(m.mountPath)) errs.push(invalid(p.child("mountPath"), m.mountPath, "must be unique"));
    mountPoints.add(m.mountPath);
    if (m.subPath) errs.push(...localDescendingPath(m.subPath, path.child("subPath")));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(invalid(p.child("subPathExpr"), m.subPathExpr, "subPathExpr and subPath are mutually exclusive"));
      errs.push(...localDescendingPath(m.subPathExpr, path.child("subPathExpr")));
    }
    if (m.mountPropagation !== undefined && !MOUNT_PROPAGATIONS.includes(m.mountPropagation)) errs.push(notSupported(path.child("mountPropagation"), m.mountPropagation, MOUNT_PROPAGATIONS));
  });
  return errs;
}

/** ValidateSecurityContext: user and group ids in range, consistent privilege settings. */
export function validateSecurityContext(sc: Record<string, any> | undefined, path: FieldPath): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  for (const key of ["runAsUser", "runAsGroup"]) {
    const v = sc[key];
    if (v !== undefined && (v < 0 || v > 0xffffffff)) errs.push(invalid(path.child(key), v, "must be between 0 and 4294967295, inclusive"));
  }
  if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
    errs.push(invalid(path, "", "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
  }
  return errs;
}
