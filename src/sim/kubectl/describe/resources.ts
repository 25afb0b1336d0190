/**
 * Resource arithmetic for describe: a pod's effective requests and limits (resourcehelper's
 * PodRequestsAndLimits: containers summed, init containers as a maximum, sidecars added, overhead
 * added), the QoS class (qos.GetPodQOS), and Quantity.String() of sums — cpu in millicores, other
 * resources in the format of the first non-zero quantity added (binary "Mi"/"Gi" or decimal).
 */
import { computeQOSClass } from "../../api/strategies/qos";
import type { Container, Pod } from "kubernetes-types/core/v1";
import { milliCPU, parseQuantity } from "../../api/quantity";

/** A sum of quantities of one resource. */
export interface Amount {
  /** Millicores for cpu, base units otherwise. */
  value: number;
  binary: boolean;
}

export type ResourceSums = Map<string, Amount>;

function amountOf(name: string, q: unknown): Amount {
  const binary = typeof q === "string" && /[KMGTPE]i$/.test(q.trim());
  return { value: name === "cpu" ? milliCPU(q) : (parseQuantity(q) ?? 0), binary };
}

function add(into: ResourceSums, list: Record<string, unknown> | undefined): void {
  for (const [name, q] of Object.entries(list ?? {})) {
    const a = amountOf(name, q);
    const cur = into.get(name);
    if (!cur) into.set(name, { ...a });
    else into.set(name, { value: cur.value + a.value, binary: cur.value === 0 ? a.binary : cur.binary });
  }
}

function addSums(into: ResourceSums, other: ResourceSums): void {
  for (const [name, a] of other) {
    const cur = into.get(name);
    into.set(name, cur ? { value: cur.value + a.value, binary: cur.value === 0 ? a.binary : cur.binary } : { ...a });
  }
}

function maxInto(into: ResourceSums, other: ResourceSums): void {
  for (const [name, a] of other) {
    const cur = into.get(name);
    if (!cur || a.value > cur.value) into.set(name, { ...a });
  }
}

/** A container's requests as the API server defaults them: limits stand in for missing requests. */
function requestsOf(c: Container): Record<string, unknown> {
  return { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) };
}

function effective(pod: Pod, pick: (c: Container) => Record<string, unknown> | undefined): ResourceSums {
  const sums: ResourceSums = new Map();
  for (const c of pod.spec?.containers ?? []) add(sums, pick(c));
  const restartable: ResourceSums = new Map();
  const init: ResourceSums = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    let reqs: ResourceSums = new Map();
    if (c.restartPolicy === "Always") {
      add(sums, pick(c));
      add(restartable, pick(c));
      reqs = restartable;
    } else {
      add(reqs, pick(c));
      addSums(reqs, restartable);
    }
    maxInto(init, reqs);
  }
  maxInto(sums, init);
  add(sums, pod.spec?.overhead as Record<string, unknown> | undefined);
  return sums;
}

/** PodRequestsAndLimits. */
export function podRequestsAndLimits(pod: Pod): { requests: ResourceSums; limits: ResourceSums } {
  return { requests: effective(pod, requestsOf), limits: effective(pod, (c) => c.resources?.limits) };
}

/** Sums requests (or limits) of many pods. */
export function sumPods(pods: Pod[], which: "requests" | "limits"): ResourceSums {
  const total: ResourceSums = new Map();
  for (const p of pods) addSums(total, podRequestsAndLimits(p)[which]);
  return total;
}

/** Quantity.String() of an amount ("0" when absent). */
export function amountString(name: string, a: Amount | undefined): string {
  if (!a || a.value === 0) return "0";
  if (name === "cpu") return a.value % 1000 === 0 ? String(a.value / 1000) : `${a.value}m`;
  return a.binary && Math.abs(a.value) >= 1024 && Number.isInteger(a.value) ? binaryString(a.value) : decimalString(a.value);
}

function binaryString(v: number): string {
  const suffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
  let i = 0;
  while (i < suffixes.length - 1 && v % 1024 === 0) {
    v /= 1024;
    i++;
  }
  return `${v}${suffixes[i]}`;
}

function decimalString(v: number): string {
  if (!Number.isInteger(v)) {
    const milli = Math.round(v * 1000);
    return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
  }
  const suffixes = ["", "k", "M", "G", "T", "P", "E"];
  let i = 0;
  while (i < suffixes.length - 1 && v % 1000 === 0) {
    v /= 1000;
    i++;
  }
  return `${v}${suffixes[i]}`;
}

/** qos.GetPodQOS: status.qosClass when set, else computed from cpu and memory requests and limits. */
export function podQOS(pod: Pod): string {
  return pod.status?.qosClass || computeQOSClass(pod.spec ?? { containers: [] });
}
