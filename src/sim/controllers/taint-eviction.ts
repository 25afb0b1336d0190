/**
 * The taint-eviction controller (pkg/controller/tainteviction): deletes pods from nodes with NoExecute
 * taints they do not tolerate — at once, or after the smallest tolerationSeconds of the tolerations
 * that match — and cancels a pending deletion when the taint goes away or the pod comes to tolerate
 * it forever. Its events: "Marking for deletion Pod ns/name" when it deletes, "Cancelling deletion of
 * Pod ns/name" when it cancels.
 */
import type { Pod, Taint, Toleration } from "kubernetes-types/core/v1";
import type { Cluster, Component } from "../cluster";
import type { TimerHandle } from "../clock";
import type { KObject } from "../api/types";
import { matchingTolerations } from "../scheduler/taints";
import { indexPodsByNode, podsOnNode } from "../store/pods-by-node";

export const TAINT_EVICTION_CONTROLLER = "taint-eviction-controller";

/** The DisruptionTarget condition a pod gets before the controller deletes it. */
export const DELETION_BY_TAINT_MANAGER = { reason: "DeletionByTaintManager", message: "Taint manager: deleting due to NoExecute taint" } as const;


interface Work {
  createdAt: number;
  fireAt: number;
  timer: TimerHandle | undefined;
}

export class TaintEvictionController implements Component {
  readonly name = TAINT_EVICTION_CONTROLLER;
  private cluster!: Cluster;
  /** Node name → its NoExecute taints, for nodes that have any. */
  private readonly taintedNodes = new Map<string, Taint[]>();
  /** Pod key → its scheduled deletion. */
  private readonly work = new Map<string, Work>();

  start(cluster: Cluster): void {
    this.cluster = cluster;
    indexPodsByNode(cluster.store);
    cluster.api.watch("Node", (e) => {
      const name = e.object.metadata.name!;
      if (e.type === "MODIFIED" && e.old && sameTaints(noExecute(e.old), noExecute(e.object))) return;
      this.react(() => this.handleNodeUpdate(name), `node ${name}`);
    });
    cluster.api.watch("Pod", (e) => {
      const pod = e.object as Pod & KObject;
      const old = e.old as (Pod & KObject) | undefined;
      if (e.type === "MODIFIED" && old && old.spec?.nodeName === pod.spec?.nodeName && sameTolerations(old.spec?.tolerations, pod.spec?.tolerations)) return;
      const ns = pod.metadata.namespace ?? "default";
      const name = pod.metadata.name!;
      const nodeName = pod.spec?.nodeName ?? "";
      this.react(() => this.handlePodUpdate(ns, name, nodeName), `pod ${ns}/${name}`);
    });
    for (const n of cluster.store.each("Node")) {
      const name = n.metadata.name!;
      this.react(() => this.handleNodeUpdate(name), `node ${name}`);
    }
  }

  /** True when a deletion of the pod is scheduled. */
  scheduledDeletion(namespace: string, name: string): { createdAt: number; fireAt: number } | undefined {
    const w = this.work.get(`${namespace}/${name}`);
    return w && { createdAt: w.createdAt, fireAt: w.fireAt };
  }

  /** Informer delivery: the controller acts a reaction delay after the change. */
  private react(fn: () => void, what: string): void {
    this.cluster.clock.after(this.cluster.timing("controllerReaction"), fn, `${TAINT_EVICTION_CONTROLLER} ${what}`);
  }

  private handleNodeUpdate(name: string): void {
    const node = this.cluster.store.get("Node", undefined, name);
    if (!node) {
      this.taintedNodes.delete(name);
      return;
    }
    const taints = noExecute(node);
    if (taints.length === 0) this.taintedNodes.delete(name);
    else this.taintedNodes.set(name, taints);
    const pods = podsOnNode(this.cluster.store, name) as (Pod & KObject)[];
    const now = this.cluster.clock.now;
    for (const pod of pods) {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (taints.length === 0) this.cancel(key);
      else this.processPodOnNode(key, pod.spec?.tolerations, taints, now);
    }
  }

  private handlePodUpdate(ns: string, name: string, nodeName: string): void {
    const key = `${ns}/${name}`;
    const pod = this.cluster.store.get("Pod", ns, name) as (Pod & KObject) | undefined;
    if (!pod) {
      this.cancel(key);
      return;
    }
    // Only the latest state counts: a later update for another node is handled on its own.
    if ((pod.spec?.nodeName ?? "") !== nodeName || !nodeName) return;
    const taints = this.taintedNodes.get(nodeName);
    if (!taints) return;
    this.processPodOnNode(key, pod.spec?.tolerations, taints, this.cluster.clock.now);
  }

  private processPodOnNode(key: string, tolerations: Toleration[] | undefined, taints: Taint[], now: number): void {
    if (taints.length === 0) this.cancel(key);
    const { allTolerated, used } = matchingTolerations(taints, tolerations);
    if (!allTolerated) {
      this.cancel(key);
      this.schedule(key, now, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) {
      this.cancel(key);
      return;
    }
    let createdAt = now;
    const existing = this.work.get(key);
    if (existing) {
      createdAt = existing.createdAt;
      // The deletion already scheduled comes sooner than a new one would: keep it.
      if (createdAt + min < now + min) return;
      this.cancel(key);
    }
    this.schedule(key, createdAt, createdAt + min);
  }

  private schedule(key: string, createdAt: number, fireAt: number): void {
    const w: Work = { createdAt, fireAt, timer: undefined };
    this.work.set(key, w);
    const fire = () => {
      if (this.work.get(key) !== w) return;
      this.work.delete(key);
      this.deletePod(key);
    };
    if (fireAt <= this.cluster.clock.now) fire();
    else w.timer = this.cluster.clock.at(fireAt, fire, `${TAINT_EVICTION_CONTROLLER} evict ${key}`);
  }

  private cancel(key: string): void {
    const w = this.work.get(key);
    if (!w) return;
    w.timer?.cancel();
    this.work.delete(key);
    this.event(key, `Cancelling deletion of Pod ${key}`);
  }

  private deletePod(key: string): void {
    const [ns, name] = key.split("/");
    const { api } = this.cluster;
    const actor = TAINT_EVICTION_CONTROLLER;
    this.event(key, `Marking for deletion Pod ${key}`);
    const pod = api.tryGet("Pod", ns, name);
    if (!pod) return;
    const conditions = (pod.status?.conditions ?? []) as { type: string; status: string }[];
    const has = conditions.some((c) => c.type === "DisruptionTarget" && c.status === "True");
    if (!has) {
      const condition = { type: "DisruptionTarget", status: "True", lastProbeTime: null, lastTransitionTime: this.cluster.clock.timestamp(), ...DELETION_BY_TAINT_MANAGER };
      api.updateStatus({ ...pod, status: { ...pod.status, conditions: [...conditions.filter((c) => c.type !== "DisruptionTarget"), condition] } }, { actor });
    }
    try {
      api.delete("Pod", ns, name, { actor });
    } catch {
      // Already gone: nothing to evict.
    }
    const trace = this.cluster.trace;
    if (trace.active) trace.emit({ time: this.cluster.clock.now, component: TAINT_EVICTION_CONTROLLER, action: "evict", object: { kind: "Pod", namespace: ns, name } });
  }

  /** Events go to an object reference without a uid, as the controller's recorder writes them. */
  private event(key: string, message: string): void {
    const [namespace, name] = key.split("/");
    this.cluster.events.record({ apiVersion: "v1", kind: "Pod", metadata: { namespace, name } }, "Normal", "TaintManagerEviction", message, { component: TAINT_EVICTION_CONTROLLER });
  }
}

function noExecute(obj: KObject): Taint[] {
  return ((obj.spec?.taints ?? []) as Taint[]).filter((t) => t.effect === "NoExecute");
}

function sameTaints(a: Taint[], b: Taint[]): boolean {
  return a.length === b.length && a.every((t, i) => t.key === b[i].key && (t.value ?? "") === (b[i].value ?? "") && t.effect === b[i].effect);
}

function sameTolerations(a: Toleration[] | undefined, b: Toleration[] | undefined): boolean {
  // A status write keeps the spec it had: the same array, no need to compare it.
  if (a === b) return true;
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/** getMinTolerationTime: the smallest tolerationSeconds (≤ 0 means now); −1 when every toleration is forever. */
function minTolerationMs(tolerations: Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}
