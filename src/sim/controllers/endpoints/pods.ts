/**
 * What the Endpoints and EndpointSlice controllers read from a pod (pkg/controller/util/endpoint and
 * endpointslice/util): whether it belongs in a Service's endpoints at all, whether it is ready, the
 * container port a Service port's targetPort names, the endpoint hostname, and when it last changed.
 */
import type { ContainerPort, Pod, ServicePort } from "kubernetes-types/core/v1";
import type { KObject } from "../../api/types";

/** A Pod as the store holds it. */
export type PodObject = Pod & KObject;

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

/** The pod's primary IP, if it has one yet. */
export function podIP(pod: Pod): string | undefined {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || undefined;
}

/**
 * ShouldPodBeInEndpoints: a pod with an IP that has not finished for good. Terminating pods count
 * only when `includeTerminating` (EndpointSlices keep them as serving/terminating; Endpoints keep
 * them only with publishNotReadyAddresses).
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (!podIP(pod)) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  const phase = pod.status?.phase;
  switch (pod.spec?.restartPolicy ?? "Always") {
    case "Never":
      return phase !== "Failed" && phase !== "Succeeded";
    case "OnFailure":
      return phase !== "Succeeded";
    default:
      return true;
  }
}

/**
 * podutil.FindPort: a numeric targetPort is used as is; a named one is looked up among the pod's
 * containers' ports with the same protocol. Undefined when the name matches no container port (the
 * pod is then left out of that port's endpoints).
 */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === "number") return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? "TCP";
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const p of (c.ports ?? []) as ContainerPort[]) {
      if (p.name === target && (p.protocol ?? "TCP") === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** The endpoint hostname: spec.hostname when the pod's subdomain names this Service. */
export function endpointHostname(pod: Pod, svc: KObject): string | undefined {
  const hostname = pod.spec?.hostname;
  if (hostname && pod.spec?.subdomain === svc.metadata.name && pod.metadata?.namespace === svc.metadata.namespace) return hostname;
  return undefined;
}

/**
 * When the pod last changed in a way endpoints care about (the trigger time tracker's
 * getPodTriggerTime): its Ready condition's last transition, else its creation.
 */
export function podTriggerTime(pod: Pod): string | undefined {
  const ready = (pod.status?.conditions ?? []).find((c) => c.type === "Ready");
  return ready?.lastTransitionTime ?? pod.metadata?.creationTimestamp ?? undefined;
}

/** The parts of a pod an endpoint is made of; a change elsewhere (a restart count) is no endpoint change. */
export function endpointRelevant(pod: Pod): string {
  const ports = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.ports ?? []);
  return JSON.stringify([
    podIP(pod),
    isPodReady(pod),
    pod.metadata?.deletionTimestamp ?? "",
    pod.status?.phase,
    pod.spec?.nodeName,
    pod.spec?.hostname,
    pod.spec?.subdomain,
    pod.metadata?.labels,
    ports,
  ]);
}

/** The earliest of two RFC 3339 times (either may be missing). */
export function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return a <= b ? a : b;
}
