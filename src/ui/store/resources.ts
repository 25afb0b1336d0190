/**
 * What a pod asks of its node, computed as the scheduler and `kubectl describe node` compute it
 * (resourcehelper.PodRequests): the larger of the app containers plus sidecars and of each init
 * container plus the sidecars started before it, plus the pod overhead.
 */
import type { Container, Pod } from "kubernetes-types/core/v1";
import { milliCPU, parseQuantity } from "../../sim/api/quantity";

export interface Requests {
  /** Millicores. */
  cpu: number;
  /** Bytes. */
  memory: number;
}

function containerRequests(c: Container): Requests {
  const r = c.resources?.requests ?? {};
  const l = c.resources?.limits ?? {};
  // The API server defaults requests to limits; a mirror of an undefaulted object does the same here.
  return { cpu: milliCPU(r.cpu ?? l.cpu ?? 0), memory: parseQuantity(r.memory ?? l.memory ?? 0) ?? 0 };
}

export function podRequests(pod: Pod): Requests {
  const spec = pod.spec;
  const total: Requests = { cpu: 0, memory: 0 };
  for (const c of spec?.containers ?? []) {
    const r = containerRequests(c);
    total.cpu += r.cpu;
    total.memory += r.memory;
  }
  const sidecars: Requests = { cpu: 0, memory: 0 };
  const initMax: Requests = { cpu: 0, memory: 0 };
  for (const c of spec?.initContainers ?? []) {
    const r = containerRequests(c);
    if (c.restartPolicy === "Always") {
      sidecars.cpu += r.cpu;
      sidecars.memory += r.memory;
      total.cpu += r.cpu;
      total.memory += r.memory;
      initMax.cpu = Math.max(initMax.cpu, sidecars.cpu);
      initMax.memory = Math.max(initMax.memory, sidecars.memory);
    } else {
      initMax.cpu = Math.max(initMax.cpu, r.cpu + sidecars.cpu);
      initMax.memory = Math.max(initMax.memory, r.memory + sidecars.memory);
    }
  }
  const overhead = spec?.overhead ?? {};
  return {
    cpu: Math.max(total.cpu, initMax.cpu) + milliCPU(overhead.cpu ?? 0),
    memory: Math.max(total.memory, initMax.memory) + (parseQuantity(overhead.memory ?? 0) ?? 0),
  };
}

/** True while a pod counts against its node (kubectl describe node skips Succeeded and Failed pods). */
export function podHoldsResources(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed";
}
