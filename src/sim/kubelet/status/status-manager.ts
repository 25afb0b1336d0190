/**
 * StatusManager is the only writer of pod.status for the pods on its node (status_manager.go). It
 * keeps the last status it set per pod, stamps condition transition times and the start time, keeps
 * conditions others own (readiness gates, DisruptionTarget), never moves a pod out of a terminal
 * phase, and writes to the API server only when something changed. Readiness and startup verdicts
 * from the probers update the cached status directly, without a full pod sync.
 */
import type { ContainerStatus, Pod, PodCondition, PodStatus } from "kubernetes-types/core/v1";
import type { Cluster } from "../../cluster";
import type { KObject } from "../../api/types";
import { deepEqual, withField } from "../../util/object";
import { generateContainersReady, generatePodReady } from "./conditions";
import { isKubeletCondition } from "./generate";
import type { PodPhase } from "./phase";

interface Entry {
  status: PodStatus;
  namespace: string;
  name: string;
  /** For static pods: write to the mirror pod of this name instead of by uid. */
  mirror: boolean;
  /**
   * The spec the status was generated for (readiness gates, container lists), with the pod's name:
   * not the whole pod, whose metadata and status of that moment would stay alive for nothing.
   */
  pod: Pod;
}

/** What the status manager keeps of a pod: its name and spec. */
function slim(pod: Pod): Pod {
  return { metadata: { name: pod.metadata?.name, namespace: pod.metadata?.namespace, uid: pod.metadata?.uid }, spec: pod.spec };
}

/** Fields the API keeps only while the kubelet's status has them. */
const KUBELET_ONLY = new Set(["reason", "message", "podIP", "podIPs", "initContainerStatuses"]);

/**
 * The stored status with the kubelet's over it: its fields win, and KUBELET_ONLY fields it lacks are
 * dropped. Built key by key rather than spread and then pruned: a deleted property would turn the
 * object, stored for every pod, into a slow dictionary with a hidden class of its own.
 */
export function mergeStatus(stored: PodStatus | undefined, own: PodStatus, conditions: PodCondition[]): PodStatus {
  const out: Record<string, unknown> = {};
  const mine = own as Record<string, unknown>;
  // The keys in the order the spread {...stored, ...own, conditions} gives them.
  const put = (k: string, v: unknown) => {
    if (KUBELET_ONLY.has(k) && mine[k] === undefined) return;
    out[k] = k === "conditions" ? conditions : v;
  };
  // for...in over these plain objects: Object.entries would make an array per field, per write.
  const before = stored as Record<string, unknown> | undefined;
  if (before) for (const k in before) put(k, before[k]);
  for (const k in mine) put(k, mine[k]);
  out.conditions = conditions;
  return out as PodStatus;
}

export class StatusManager {
  private entries = new Map<string, Entry>();
  /** Called after every write, for the kubelet's trace. */
  onWrite: (pod: Pod, status: PodStatus) => void = () => {};
  /** False while the API server cannot be reached: statuses are kept and written by rewriteAll(). */
  canWrite: () => boolean = () => true;

  constructor(
    private readonly cluster: Cluster,
    private readonly actor: string,
  ) {}

  /** The last status set for a pod. */
  get(uid: string): PodStatus | undefined {
    return this.entries.get(uid)?.status;
  }

  /** SetPodStatus: records a freshly generated status and writes it if it changed. */
  setPodStatus(pod: Pod, status: PodStatus, opts: { mirror?: boolean } = {}): void {
    const uid = pod.metadata!.uid!;
    const prev = this.entries.get(uid);
    const old = prev?.status ?? pod.status ?? {};
    const next = this.normalize(status, old);
    if (prev && deepEqual(prev.status, next)) {
      if (prev.pod.spec !== pod.spec) prev.pod = slim(pod);
      return;
    }
    const kept = prev && prev.pod.spec === pod.spec ? prev.pod : slim(pod);
    this.entries.set(uid, { status: next, namespace: pod.metadata!.namespace ?? "default", name: pod.metadata!.name!, mirror: !!opts.mirror, pod: kept });
    this.write(uid);
  }

  /** SetContainerReadiness: a readiness verdict changed. */
  setContainerReadiness(uid: string, containerId: string, ready: boolean): void {
    this.patchContainer(uid, containerId, (s) => {
      if (!s.state?.running) return false;
      if (s.ready === ready) return false;
      s.ready = ready;
      return true;
    });
  }

  /** SetContainerStartup: a startup verdict changed. */
  setContainerStartup(uid: string, containerId: string, started: boolean): void {
    this.patchContainer(uid, containerId, (s) => {
      if (!s.state?.running) return false;
      if (s.started === started) return false;
      s.started = started;
      return true;
    });
  }

  /** Forgets a pod (it is gone from the node). */
  remove(uid: string): void {
    this.entries.delete(uid);
  }

  /** Writes the cached status again (the mirror pod was re-created). */
  rewrite(uid: string): void {
    if (this.entries.has(uid)) this.write(uid);
  }

  /** Writes every cached status that differs from the API's (syncBatch after the API is reachable again). */
  rewriteAll(): void {
    for (const uid of [...this.entries.keys()]) this.write(uid);
  }

  private patchContainer(uid: string, containerId: string, fn: (s: ContainerStatus) => boolean): void {
    const e = this.entries.get(uid);
    if (!e) return;
    const cid = `containerd://${containerId}`;
    const status: PodStatus = { ...e.status, containerStatuses: e.status.containerStatuses?.map((c) => ({ ...c })), initContainerStatuses: e.status.initContainerStatuses?.map((c) => ({ ...c })) };
    let changed = false;
    for (const s of [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])]) {
      if (s.containerID === cid) changed = fn(s) || changed;
    }
    if (!changed) return;
    // Readiness moves ContainersReady and Ready with it.
    const all = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
    const phase = status.phase as PodPhase | undefined;
    const others = (status.conditions ?? []).filter((c) => c.type !== "Ready" && c.type !== "ContainersReady");
    const containersReady = generateContainersReady(e.pod, all, phase);
    const ready = generatePodReady(e.pod, others, all, phase, containersReady);
    status.conditions = (status.conditions ?? []).map((c) => (c.type === "Ready" ? ready : c.type === "ContainersReady" ? containersReady : c));
    e.status = this.normalize(status, e.status);
    this.write(uid);
  }

  /** Stamps transition times and the start time against the previous status. */
  private normalize(status: PodStatus, old: PodStatus): PodStatus {
    const now = this.cluster.clock.timestamp();
    const conditions: PodCondition[] = (status.conditions ?? []).map((c) => {
      if (!isKubeletCondition(c.type)) return c;
      const prev = old.conditions?.find((o) => o.type === c.type);
      const lastTransitionTime = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now;
      const stamped: PodCondition = { type: c.type, status: c.status, lastProbeTime: null as unknown as string, lastTransitionTime };
      if (c.reason) stamped.reason = c.reason;
      if (c.message) stamped.message = c.message;
      return stamped;
    });
    const out = withField(status, "conditions", conditions);
    out.startTime = old.startTime ?? now;
    // Pods never leave a terminal phase.
    if ((old.phase === "Succeeded" || old.phase === "Failed") && out.phase !== old.phase) {
      out.phase = old.phase;
      if (old.reason) out.reason = old.reason;
      if (old.message) out.message = old.message;
    }
    return out;
  }

  private write(uid: string): void {
    if (!this.canWrite()) return;
    const e = this.entries.get(uid)!;
    const store = this.cluster.store;
    const current = store.get("Pod", e.namespace, e.name) as (Pod & KObject) | undefined;
    if (!current) return;
    if (!e.mirror && current.metadata.uid !== uid) return;
    if (e.mirror && !current.metadata.annotations?.["kubernetes.io/config.mirror"]) return;
    const external = (current.status?.conditions ?? []).filter((c) => !isKubeletCondition(c.type));
    // DisruptionTarget is the kubelet's to add when it evicts a pod.
    const disruption = (e.status.conditions ?? []).find((c) => c.type === "DisruptionTarget");
    if (disruption && !external.some((c) => c.type === "DisruptionTarget")) external.push(disruption);
    const own = (e.status.conditions ?? []).filter((c) => isKubeletCondition(c.type));
    const merged = mergeStatus(current.status, e.status, [...external, ...own]);
    if (deepEqual(merged, current.status)) return;
    try {
      this.cluster.api.updateStatus({ ...current, status: merged } as KObject, { actor: this.actor });
      this.onWrite(e.pod, merged);
    } catch {
      // The pod went away or changed under us; the next sync writes again.
    }
  }
}
