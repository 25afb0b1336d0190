/**
 * Resource arithmetic as the scheduler does it (framework.Resource and
 * k8s.io/component-helpers/resource.PodRequests): CPU in millicores, memory and ephemeral storage in
 * bytes, the pod count, and "scalar" resources — extended resources such as example.com/dongle,
 * hugepages — as integers.
 */
import type { Container, Pod } from "kubernetes-types/core/v1";
import { milliCPU, parseQuantity } from "../api/quantity";

/** Requested or allocatable amounts, in the scheduler's units. */
export class Resources {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  allowedPodNumber = 0;
  /** Extended and hugepages resources; absent means zero. */
  scalar: Map<string, number> | undefined;

  add(other: Resources, sign = 1): void {
    this.milliCPU += sign * other.milliCPU;
    this.memory += sign * other.memory;
    this.ephemeralStorage += sign * other.ephemeralStorage;
    this.allowedPodNumber += sign * other.allowedPodNumber;
    if (other.scalar) for (const [k, v] of other.scalar) this.setScalar(k, this.getScalar(k) + sign * v);
  }

  getScalar(name: string): number {
    return this.scalar?.get(name) ?? 0;
  }

  setScalar(name: string, value: number): void {
    (this.scalar ??= new Map()).set(name, value);
  }

  clone(): Resources {
    const r = new Resources();
    r.add(this);
    return r;
  }

  /** Builds from a ResourceList such as node.status.allocatable. */
  static fromList(list: Record<string, unknown> | undefined): Resources {
    const r = new Resources();
    for (const [name, q] of Object.entries(list ?? {})) addQuantity(r, name, q, 1);
    return r;
  }
}

/** The default requests the scoring plugins assume for a container that requests none (util/pod_resources.go). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/**
 * True for the resources the scheduler tracks as scalars: extended resources ("example.com/dongle"),
 * prefixed native resources, hugepages and attachable volumes.
 */
export function isScalarResourceName(name: string): boolean {
  return name.includes("/") || name.startsWith("hugepages-") || name.startsWith("attachable-volumes-");
}

// Pods repeat the same few quantity strings ("100m", "500Mi"): parse each once.
const parsedMilli = new Map<unknown, number>();
const parsedInt = new Map<unknown, number>();
const PARSE_CACHE_LIMIT = 4096;

function cached(cache: Map<unknown, number>, q: unknown, parse: (q: unknown) => number): number {
  let v = cache.get(q);
  if (v === undefined) {
    v = parse(q);
    if (cache.size >= PARSE_CACHE_LIMIT) cache.clear();
    cache.set(q, v);
  }
  return v;
}

function addQuantity(r: Resources, name: string, q: unknown, sign: number): void {
  switch (name) {
    case "cpu":
      r.milliCPU += sign * cached(parsedMilli, q, milliCPU);
      return;
    case "memory":
      r.memory += sign * intValue(q);
      return;
    case "ephemeral-storage":
      r.ephemeralStorage += sign * intValue(q);
      return;
    case "pods":
      r.allowedPodNumber += sign * intValue(q);
      return;
    default:
      if (isScalarResourceName(name)) r.setScalar(name, r.getScalar(name) + sign * intValue(q));
  }
}

/** Quantity.Value(): the amount in base units, rounded up. */
function intValue(q: unknown): number {
  return cached(parsedInt, q, (x) => {
    const v = parseQuantity(x);
    return v === undefined ? 0 : Math.ceil(v - 1e-9);
  });
}

/**
 * A container's effective requests: what it requests, and for each resource it only limits, the limit
 * (the API server's defaulting does the same; the scheduler must not depend on it having run).
 */
function containerRequests(c: Container): Record<string, unknown> {
  const requests = c.resources?.requests;
  const limits = c.resources?.limits;
  if (!limits) return requests ?? {};
  return { ...limits, ...requests };
}

/** Options of podRequests. */
export interface PodRequestOptions {
  /**
   * For scoring: a container that requests no CPU (memory) counts as requesting 100m (200Mi), so
   * that many zero-request pods do not pile onto one node.
   */
  nonZero?: boolean;
}

/**
 * The pod's effective requests, as the scheduler counts them: the sum of the app containers; sidecars
 * (init containers with restartPolicy Always) added to it; each regular init container needing its
 * own request plus the sidecars started before it; the larger of the two; plus the pod overhead.
 */
export function podRequests(pod: Pod, opts: PodRequestOptions = {}): Resources {
  const reqs = new Resources();
  for (const c of pod.spec?.containers ?? []) addContainer(reqs, c, opts);
  const sidecars = new Resources();
  const initMax = new Resources();
  for (const c of pod.spec?.initContainers ?? []) {
    const one = new Resources();
    addContainer(one, c, opts);
    if (c.restartPolicy === "Always") {
      reqs.add(one);
      sidecars.add(one);
      maxInto(initMax, sidecars);
    } else {
      one.add(sidecars);
      maxInto(initMax, one);
    }
  }
  maxInto(reqs, initMax);
  const overhead = pod.spec?.overhead;
  if (overhead) for (const [name, q] of Object.entries(overhead)) addQuantity(reqs, name, q, 1);
  return reqs;
}

function addContainer(into: Resources, c: Container, opts: PodRequestOptions): void {
  const requests = containerRequests(c);
  for (const [name, q] of Object.entries(requests)) addQuantity(into, name, q, 1);
  if (opts.nonZero) {
    if (requests.cpu === undefined) into.milliCPU += DEFAULT_MILLI_CPU_REQUEST;
    if (requests.memory === undefined) into.memory += DEFAULT_MEMORY_REQUEST;
  }
}

function maxInto(into: Resources, other: Resources): void {
  into.milliCPU = Math.max(into.milliCPU, other.milliCPU);
  into.memory = Math.max(into.memory, other.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, other.ephemeralStorage);
  if (other.scalar) for (const [k, v] of other.scalar) into.setScalar(k, Math.max(into.getScalar(k), v));
}
