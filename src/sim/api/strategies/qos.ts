/**
 * A pod's QoS class as ComputePodQOS decides it (pkg/apis/core/helper/qos): BestEffort without any
 * cpu or memory request or limit; Guaranteed when every container (init containers included) limits
 * both cpu and memory and the pod's summed requests equal its summed limits; otherwise Burstable.
 */
import type { PodSpec } from "kubernetes-types/core/v1";
import { addQuantity, cmpQuantity, mustParse, type Quantity } from "../validation/quantity";

export type QOSClass = "Guaranteed" | "Burstable" | "BestEffort";

const QOS_RESOURCES = ["cpu", "memory"] as const;

/** The QoS class of a pod spec. */
export function computeQOSClass(spec: PodSpec): QOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const name of QOS_RESOURCES) {
      const r = c.resources?.requests?.[name];
      if (r !== undefined) accumulate(requests, name, mustParse(r));
    }
    let limitsFound = 0;
    for (const name of QOS_RESOURCES) {
      const l = c.resources?.limits?.[name];
      if (l !== undefined && accumulate(limits, name, mustParse(l))) limitsFound++;
    }
    if (limitsFound < QOS_RESOURCES.length) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || cmpQuantity(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}

/** Adds a positive quantity to the running total; false when it is zero. */
function accumulate(totals: Map<string, Quantity>, name: string, q: Quantity): boolean {
  if (q.mantissa <= 0n) return false;
  const prev = totals.get(name);
  totals.set(name, prev ? addQuantity(prev, q) : q);
  return true;
}
