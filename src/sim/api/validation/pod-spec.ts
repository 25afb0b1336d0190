/**
 * PodSpec validation (ValidatePodSpec), shared by Pods and every pod template: volumes, containers,
 * restart and DNS policies, node selection, tolerations, priority and the rest, in Kubernetes'
 * order so that messages listing several errors list them as Kubernetes does.
 */
import type { PodSpec, PodTemplateSpec } from "kubernetes-types/core/v1";
import { validateContainers, validateInitContainers } from "./containers";
import { FieldPath, forbidden, invalid, invalidEach, notSupported, required, type FieldError } from "./field";
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from "./names";
import { validateAnnotations, validateLabels } from "./objectmeta";
import { validateResourceRequirements } from "./resources";
import { validateAffinity, validateSchedulingGates, validateTolerations, validateTopologySpreadConstraints } from "./scheduling";
import { validateVolumes } from "./volumes";

export const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];

/** Options that differ between a Pod and a PodSpec embedded in another object. */
export interface PodSpecOptions {
  /** The object being validated is a Pod (not a template): hostPort must equal containerPort under hostNetwork. */
  resourceIsPod: boolean;
}

/** ValidatePodSpec. */
export function validatePodSpec(spec: PodSpec | undefined, path: FieldPath, opts: PodSpecOptions): FieldError[] {
  const s = spec ?? ({ containers: [] } as PodSpec);
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds === undefined) errs.push(required(path.child("terminationGracePeriodSeconds")));
  const { names, errors } = validateVolumes(s.volumes, path.child("volumes"));
  errs.push(...errors);
  const ctx = { volumes: names, gracePeriod: s.terminationGracePeriodSeconds };
  errs.push(...validateContainers(s.containers, ctx, path.child("containers")));
  errs.push(...validateInitContainers(s.initContainers, s.containers, ctx, path.child("initContainers")));
  if (s.hostNetwork) {
    (s.containers ?? []).forEach((c, i) =>
      (c.ports ?? []).forEach((port, j) => {
        const hp = port.hostPort ?? 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== port.containerPort) {
          errs.push(invalid(path.child("containers").index(i).child("ports").index(j).child("hostPort"), hp, "must match `containerPort` when `hostNetwork` is true"));
        }
      }),
    );
  }
  errs.push(...validateRestartPolicy(s.restartPolicy, path.child("restartPolicy")));
  if (!s.dnsPolicy) errs.push(required(path.child("dnsPolicy")));
  else if (!DNS_POLICIES.includes(s.dnsPolicy)) errs.push(notSupported(path.child("dnsPolicy"), s.dnsPolicy, DNS_POLICIES));
  errs.push(...validateLabels(s.nodeSelector, path.child("nodeSelector")));
  errs.push(...validatePodSecurityContext(s.securityContext as Record<string, any> | undefined, path.child("securityContext")));
  (s.imagePullSecrets ?? []).forEach((ref, i) => {
    if (Object.keys(ref).some((k) => k !== "name")) errs.push(invalid(path.child("imagePullSecrets").index(i), JSON.stringify(ref), "only name may be set"));
  });
  errs.push(...validateAffinity(s.affinity, path.child("affinity")));
  if (s.dnsPolicy === "None") {
    if (!s.dnsConfig) errs.push(required(path.child("dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None"));
    else if ((s.dnsConfig.nameservers ?? []).length === 0) errs.push(required(path.child("dnsConfig", "nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None"));
  }
  (s.readinessGates ?? []).forEach((g, i) => errs.push(...invalidEach(path.child("readinessGates").index(i).child("conditionType"), g.conditionType, isQualifiedName(g.conditionType))));
  errs.push(...validateSchedulingGates(s.schedulingGates, path.child("schedulingGates")));
  errs.push(...validateTopologySpreadConstraints(s.topologySpreadConstraints, path.child("topologySpreadConstraints")));
  if (s.serviceAccountName) errs.push(...invalidEach(path.child("serviceAccountName"), s.serviceAccountName, nameIsDNSSubdomain(s.serviceAccountName, false)));
  if (s.nodeName) errs.push(...invalidEach(path.child("nodeName"), s.nodeName, nameIsDNSSubdomain(s.nodeName, false)));
  if (s.activeDeadlineSeconds !== undefined && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > 2147483647)) {
    errs.push(invalid(path.child("activeDeadlineSeconds"), s.activeDeadlineSeconds, inclusiveRangeError(1, 2147483647)));
  }
  if (s.hostname) errs.push(...invalidEach(path.child("hostname"), s.hostname, isDNS1123Label(s.hostname)));
  if (s.subdomain) errs.push(...invalidEach(path.child("subdomain"), s.subdomain, isDNS1123Label(s.subdomain)));
  errs.push(...validateTolerations(s.tolerations, path.child("tolerations")));
  (s.hostAliases ?? []).forEach((a, i) => (a.hostnames ?? []).forEach((h, j) => errs.push(...invalidEach(path.child("hostAliases").index(i).child("hostnames").index(j), h, isDNS1123Subdomain(h)))));
  if (s.priorityClassName) errs.push(...invalidEach(path.child("priorityClassName"), s.priorityClassName, nameIsDNSSubdomain(s.priorityClassName, false)));
  if (s.runtimeClassName !== undefined) errs.push(...invalidEach(path.child("runtimeClassName"), s.runtimeClassName, nameIsDNSSubdomain(s.runtimeClassName, false)));
  if (s.preemptionPolicy !== undefined) {
    if (!s.preemptionPolicy) errs.push(required(path.child("preemptionPolicy")));
    else if (s.preemptionPolicy !== "PreemptLowerPriority" && s.preemptionPolicy !== "Never") errs.push(notSupported(path.child("preemptionPolicy"), s.preemptionPolicy, ["PreemptLowerPriority", "Never"]));
  }
  if (s.overhead) errs.push(...validateResourceRequirements({ limits: s.overhead }, path.child("overhead")));
  if (s.os && s.os.name !== "linux" && s.os.name !== "windows") errs.push(notSupported(path.child("os", "name"), s.os.name, ["linux", "windows"]));
  return errs;
}

function validateRestartPolicy(policy: string | undefined, path: FieldPath): FieldError[] {
  if (!policy) return [required(path)];
  return RESTART_POLICIES.includes(policy) ? [] : [notSupported(path, policy, RESTART_POLICIES)];
}

function validatePodSecurityContext(sc: Record<string, any> | undefined, path: FieldPath): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  for (const key of ["runAsUser", "runAsGroup", "fsGroup"]) {
    const v = sc[key];
    if (v !== undefined && (v < 0 || v > 0xffffffff)) errs.push(invalid(path.child(key), v, inclusiveRangeError(0, 4294967295)));
  }
  (sc.supplementalGroups ?? []).forEach((g: number, i: number) => {
    if (g < 0 || g > 0xffffffff) errs.push(invalid(path.child("supplementalGroups").index(i), g, inclusiveRangeError(0, 4294967295)));
  });
  if (sc.fsGroupChangePolicy !== undefined && sc.fsGroupChangePolicy !== "OnRootMismatch" && sc.fsGroupChangePolicy !== "Always") {
    errs.push(notSupported(path.child("fsGroupChangePolicy"), sc.fsGroupChangePolicy, ["Always", "OnRootMismatch"]));
  }
  return errs;
}

/** ValidatePodTemplateSpec: labels, annotations and spec of a template; no ephemeral containers. */
export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, path: FieldPath): FieldError[] {
  const t = template ?? {};
  const errs = validateLabels(t.metadata?.labels, path.child("labels"));
  errs.push(...validateAnnotations(t.metadata?.annotations, path.child("annotations")));
  errs.push(...validatePodSpec(t.spec, path.child("spec"), { resourceIsPod: false }));
  if ((t.spec?.ephemeralContainers ?? []).length > 0) errs.push(forbidden(path.child("spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template"));
  return errs;
}
