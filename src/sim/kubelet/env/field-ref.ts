/**
 * The downward API: pod fields (fieldRef) and container resources (resourceFieldRef) as values for
 * environment variables and downwardAPI volume files, formatted as the kubelet formats them.
 */
import type { Container, Pod } from "kubernetes-types/core/v1";
import { milliCPU, parseQuantity } from "../../api/quantity";

/** The pod's runtime facts a fieldRef may read. */
export interface PodFacts {
  podIPs: string[];
  hostIPs: string[];
}

/** The node's allocatable resources: the default for unset limits. */
export type NodeAllocatable = Record<string, string>;

/** Formats a map as a downwardAPI volume file: `key="value"` lines, sorted. */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join("\n");
}

/** The value of a fieldRef path, or throws with Kubernetes' message for an unsupported path. */
export function fieldValue(pod: Pod, path: string, facts: PodFacts, forVolume = false): string {
  const meta = pod.metadata ?? {};
  const sub = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (sub) {
    const m = (sub[1] === "labels" ? meta.labels : meta.annotations) ?? {};
    return m[sub[2]] ?? "";
  }
  switch (path) {
    case "metadata.name":
      return meta.name ?? "";
    case "metadata.namespace":
      return meta.namespace ?? "default";
    case "metadata.uid":
      return meta.uid ?? "";
    case "metadata.labels":
      if (forVolume) return formatMap(meta.labels);
      break;
    case "metadata.annotations":
      if (forVolume) return formatMap(meta.annotations);
      break;
    case "spec.nodeName":
      return pod.spec?.nodeName ?? "";
    case "spec.serviceAccountName":
      return pod.spec?.serviceAccountName ?? "default";
    case "status.hostIP":
      return facts.hostIPs[0] ?? "";
    case "status.hostIPs":
      return facts.hostIPs.join(",");
    case "status.podIP":
      return facts.podIPs[0] ?? "";
    case "status.podIPs":
      return facts.podIPs.join(",");
  }
  throw new Error(`unsupported fieldPath: ${path}`);
}

/** The value of a resourceFieldRef (limits default to the node's allocatable). */
export function resourceValue(container: Container, resource: string, divisor: string | number | undefined, allocatable: NodeAllocatable): string {
  const [kind, name] = resource.split(".", 2) as ["limits" | "requests", string];
  const limits = container.resources?.limits ?? {};
  const requests = container.resources?.requests ?? {};
  let raw: string | undefined = kind === "limits" ? (limits[name] as string | undefined) : (requests[name] as string | undefined);
  if (raw === undefined && kind === "limits") raw = allocatable[name];
  if (raw === undefined && kind === "requests") raw = name === "cpu" ? "0" : "0";
  if (name === "cpu") {
    const d = divisor === undefined ? 1000 : milliCPU(String(divisor)) || 1000;
    return String(Math.ceil(milliCPU(String(raw)) / d));
  }
  const d = divisor === undefined ? 1 : parseQuantity(String(divisor)) || 1;
  return String(Math.ceil((parseQuantity(String(raw)) ?? 0) / d));
}
