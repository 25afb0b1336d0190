/** The pod's QoS class (v1qos.GetPodQOS): Guaranteed, Burstable or BestEffort. */
import type { Container, Pod } from "kubernetes-types/core/v1";
import { parseQuantity } from "../../api/quantity";

export function qosClass(pod: Pod): "Guaranteed" | "Burstable" | "BestEffort" {
  if (pod.status?.qosClass) return pod.status.qosClass as "Guaranteed" | "Burstable" | "BestEffort";
  const all: Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let isGuaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const [k, v] of Object.entries(req)) {
      if (k !== "cpu" && k !== "memory") continue;
      const q = parseQuantity(String(v)) ?? 0;
      if (q > 0) requests.set(k, (requests.get(k) ?? 0) + q);
    }
    const seen = new Set<string>();
    for (const [k, v] of Object.entries(lim)) {
      if (k !== "cpu" && k !== "memory") continue;
      const q = parseQuantity(String(v)) ?? 0;
      if (q > 0) {
        seen.add(k);
        limits.set(k, (limits.get(k) ?? 0) + q);
      }
    }
    if (!seen.has("cpu") || !seen.has("memory")) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (isGuaranteed) {
    for (const [k, v] of requests) if (limits.get(k) !== v) return "Burstable";
    if (limits.size === 2) return "Guaranteed";
  }
  return "Burstable";
}
