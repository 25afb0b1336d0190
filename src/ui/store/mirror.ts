/**
 * ClusterMirror is the page's read-only copy of the cluster: every API object the worker has sent,
 * the pods' runtime views, and the few indexes the graph needs (pods by node, what each node has
 * allocated). Batches are applied in place; each changed object is a new instance, so a selector
 * that picks one object by key re-renders its component only when that object changed.
 *
 * WARNING: the maps are mutated in place when a batch is applied. Never keep a reference to a map
 * across renders; select the objects themselves.
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import type { KObject } from "../../sim/api/types";
import type { Batch, ObjectRefLite, PodRuntimeView } from "../../worker/protocol";
import { podHoldsResources, podRequests, type Requests } from "./resources";

/** What a node has allocated to its pods, against what it can allocate. */
export interface NodeUsage {
  requested: Requests;
  pods: number;
}

/** Pods per kubectl STATUS word. */
export type StatusCounts = Record<string, number>;

/** How a batch changed the mirror, so the graph knows whether to lay out again. */
export interface ApplyResult {
  /** Objects appeared or vanished, pods moved to a node, or a pod's shape changed: lay out again. */
  structural: boolean;
  /** Links changed (endpoints, volume sources, bindings): rebuild the edges. */
  links: boolean;
  removedPods: Pod[];
  /** The last runtime views of removed pods, so they can fade out as they were. */
  removedViews: Map<string, PodRuntimeView>;
}

/** Kinds whose changes only move links, not boxes. */
const LINK_KINDS = new Set(["EndpointSlice", "Endpoints", "PersistentVolumeClaim", "PersistentVolume"]);
/** Kinds the graph draws as boxes of their own. */
const BOX_KINDS = new Set(["Node", "Pod", "Service", "ConfigMap", "Secret", "PersistentVolumeClaim", "PersistentVolume", "Namespace"]);

export function nsName(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class ClusterMirror {
  private byKind = new Map<string, Map<string, KObject>>();
  readonly runtime = new Map<string, PodRuntimeView>();
  private podsByNode = new Map<string, Set<string>>();
  /** A pod's layout signature: node, container and volume counts. */
  private podShape = new Map<string, string>();
  private usageCache = new Map<string, NodeUsage>();
  private countsCache = new Map<string, StatusCounts>();

  get<T extends KObject = KObject>(kind: string, key: string): T | undefined {
    return this.byKind.get(kind)?.get(key) as T | undefined;
  }

  /** Every object of a kind (live iterator over the mirror; do not hold it). */
  list<T extends KObject = KObject>(kind: string): IterableIterator<T> {
    return (this.byKind.get(kind) ?? new Map<string, KObject>()).values() as IterableIterator<T>;
  }

  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  /** Keys ("namespace/name") of the pods bound to a node; "" holds the unscheduled ones. */
  podsOn(node: string): ReadonlySet<string> {
    return this.podsByNode.get(node) ?? EMPTY;
  }

  /** What a node's pods request; a new object only when it changed. */
  usage(node: string): NodeUsage {
    let u = this.usageCache.get(node);
    if (!u) {
      u = { requested: { cpu: 0, memory: 0 }, pods: 0 };
      for (const key of this.podsOn(node)) {
        const pod = this.get<Pod & KObject>("Pod", key);
        if (!pod || !podHoldsResources(pod)) continue;
        const r = podRequests(pod);
        u.requested.cpu += r.cpu;
        u.requested.memory += r.memory;
        u.pods++;
      }
      this.usageCache.set(node, u);
    }
    return u;
  }

  /** How many of a node's pods show each kubectl STATUS; a new object only when it changed. */
  statusCounts(node: string): StatusCounts {
    let c = this.countsCache.get(node);
    if (!c) {
      c = {};
      for (const key of this.podsOn(node)) {
        const status = this.runtime.get(key)?.statusText || this.get<Pod & KObject>("Pod", key)?.status?.phase || "Pending";
        c[status] = (c[status] ?? 0) + 1;
      }
      this.countsCache.set(node, c);
    }
    return c;
  }

  clear(): void {
    this.byKind.clear();
    this.runtime.clear();
    this.podsByNode.clear();
    this.podShape.clear();
    this.usageCache.clear();
    this.countsCache.clear();
  }

  /** Applies one batch from the worker. */
  apply(batch: Batch): ApplyResult {
    const result: ApplyResult = { structural: false, links: false, removedPods: [], removedViews: new Map() };
    if (batch.reset) {
      this.clear();
      result.structural = true;
      result.links = true;
    }
    for (const obj of batch.added) this.put(obj, result, true);
    for (const obj of batch.updated) this.put(obj, result, false);
    for (const ref of batch.removed) this.remove(ref, result);
    for (const view of batch.runtime) {
      this.runtime.set(view.key, view);
      this.countsCache.delete(this.get<Pod & KObject>("Pod", view.key)?.spec?.nodeName ?? "");
    }
    for (const key of batch.runtimeRemoved) {
      const view = this.runtime.get(key);
      if (view) result.removedViews.set(key, view);
      this.runtime.delete(key);
    }
    return result;
  }

  private put(obj: KObject, result: ApplyResult, added: boolean): void {
    const kind = obj.kind;
    const key = nsName(obj.metadata.namespace, obj.metadata.name!);
    let m = this.byKind.get(kind);
    if (!m) this.byKind.set(kind, (m = new Map()));
    const old = m.get(key);
    m.set(key, obj);
    if (LINK_KINDS.has(kind)) result.links = true;
    if ((added || !old) && BOX_KINDS.has(kind)) result.structural = true;
    if (kind === "Pod") this.indexPod(key, obj as Pod, old as Pod | undefined, result);
    if (kind === "Node") {
      this.usageCache.delete(obj.metadata.name!);
      if (old && nodeShape(old as Node) !== nodeShape(obj as Node)) result.structural = true;
    }
  }

  private remove(ref: ObjectRefLite, result: ApplyResult): void {
    const key = nsName(ref.namespace, ref.name);
    const m = this.byKind.get(ref.kind);
    const old = m?.get(key);
    if (!m || !old) return;
    m.delete(key);
    if (BOX_KINDS.has(ref.kind)) result.structural = true;
    if (LINK_KINDS.has(ref.kind)) result.links = true;
    if (ref.kind === "Pod") {
      const node = (old as Pod).spec?.nodeName ?? "";
      this.podsByNode.get(node)?.delete(key);
      this.podShape.delete(key);
      this.usageCache.delete(node);
      this.countsCache.delete(node);
      result.removedPods.push(old as Pod);
      result.links = true;
    }
  }

  private indexPod(key: string, pod: Pod, old: Pod | undefined, result: ApplyResult): void {
    const node = pod.spec?.nodeName ?? "";
    const oldNode = old ? (old.spec?.nodeName ?? "") : undefined;
    if (oldNode !== node) {
      if (oldNode !== undefined) {
        this.podsByNode.get(oldNode)?.delete(key);
        this.usageCache.delete(oldNode);
        this.countsCache.delete(oldNode);
      }
      let s = this.podsByNode.get(node);
      if (!s) this.podsByNode.set(node, (s = new Set()));
      s.add(key);
    }
    this.usageCache.delete(node);
    this.countsCache.delete(node);
    const shape = podShape(pod);
    if (this.podShape.get(key) !== shape) {
      this.podShape.set(key, shape);
      result.structural = true;
      result.links = true;
    }
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/** What of a pod decides its box: where it sits and how many rows it draws. */
function podShape(pod: Pod): string {
  const s = pod.spec;
  const unschedulable = pod.status?.conditions?.some((c) => c.type === "PodScheduled" && c.status === "False") ?? false;
  return [
    s?.nodeName ?? "",
    s?.initContainers?.length ?? 0,
    s?.containers?.length ?? 0,
    s?.ephemeralContainers?.length ?? 0,
    s?.volumes?.length ?? 0,
    (s?.volumes ?? []).map((v) => v.name).join(","),
    pod.metadata?.ownerReferences?.[0]?.uid ?? "",
    unschedulable ? "u" : "",
  ].join("|");
}

/** What of a node decides its box: taints drawn in the header. */
function nodeShape(node: Node): string {
  return `${node.spec?.taints?.length ?? 0}|${node.spec?.unschedulable ?? false}`;
}
