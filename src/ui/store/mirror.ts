/**
 * ClusterMirror is the page's read-only copy of the cluster: every API object the worker has sent,
 * the pods' runtime views, and the few indexes the graph needs (pods by node, what each node has
 * allocated, pods per status, revisions that say which node's pods changed). Batches are applied in
 * place; each changed object is a new instance, so a selector that picks one object by key
 * re-renders its component only when that object changed. The per-node sums are kept up to date
 * pod by pod, so a batch costs what it changed, not the size of the cluster.
 *
 * WARNING: the maps are mutated in place when a batch is applied. Never keep a reference to a map
 * across renders; select the objects themselves.
 */
import type { Container, Node, Pod } from "kubernetes-types/core/v1";
import type { KObject } from "../../sim/api/types";
import type { Batch, ObjectRefLite, PodRuntimeView } from "../../worker/protocol";
import { podView } from "../../worker/runtime-view";
import { DEFAULT_EPOCH_MS } from "../../sim/clock";
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

/** What one pod adds to its node's sums. */
interface PodShare {
  node: string;
  /** Counts against the node's allocatable (not Succeeded or Failed). */
  holds: boolean;
  requests: Requests;
  status: string;
}

const NO_USAGE: NodeUsage = Object.freeze({ requested: Object.freeze({ cpu: 0, memory: 0 }), pods: 0 }) as NodeUsage;
const NO_COUNTS: StatusCounts = Object.freeze({}) as StatusCounts;

/** True when one of the pod's volumes comes from a ConfigMap, a Secret or a PersistentVolumeClaim. */
export function hasSourcedVolumes(pod: Pod): boolean {
  return !!pod.spec?.volumes?.some((v) => v.configMap || v.secret || v.persistentVolumeClaim);
}

export class ClusterMirror {
  private byKind = new Map<string, Map<string, KObject>>();
  /** kind → the revision of its last change (see kindRevision). */
  private kindRevs = new Map<string, number>();
  /** The views the worker sent; a pod without one has the view its spec and status give (view()). */
  readonly runtime = new Map<string, PodRuntimeView>();
  /** Views derived from the pods themselves, by pod object. */
  private derived = new WeakMap<Pod, PodRuntimeView>();
  private podsByNode = new Map<string, Set<string>>();
  /** A pod's layout signature: node, container and volume counts. */
  private podShape = new Map<string, string>();
  /** The pods with a volume from a ConfigMap, a Secret or a claim: the few that link to objects. */
  private sourced = new Set<string>();
  private shares = new Map<string, PodShare>();
  private usageByNode = new Map<string, NodeUsage>();
  private countsByNode = new Map<string, StatusCounts>();
  /** Revisions only grow (even across a reset), so a remembered one never matches a newer state. */
  private seq = 0;
  private layoutRevs = new Map<string, number>();
  private podRevs = new Map<string, number>();
  private boxesRev = 0;
  /** Who draws which pod ("namespace/name"), and the pods changed since they were last told. */
  private podWatchers = new Map<string, Set<() => void>>();
  private changedPods = new Set<string>();

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

  /** The node names pods are bound to ("" for the unscheduled ones), Nodes or not (live iterator). */
  podNodes(): IterableIterator<string> {
    return this.podsByNode.keys();
  }

  /** What a node's pods request; a new object only when it changed. */
  usage(node: string): NodeUsage {
    return this.usageByNode.get(node) ?? NO_USAGE;
  }

  /** The pods ("namespace/name") with a volume from a ConfigMap, a Secret or a PersistentVolumeClaim. */
  podsWithSourcedVolumes(): ReadonlySet<string> {
    return this.sourced;
  }

  /** How many of a node's pods show each kubectl STATUS; a new object only when it changed. */
  statusCounts(node: string): StatusCounts {
    return this.countsByNode.get(node) ?? NO_COUNTS;
  }

  /**
   * Changes whenever a node's drawn pods change place or shape: a pod arrives, leaves, or gets
   * rows. Not for a mere change of state. "" is the unscheduled pods.
   */
  layoutRevision(node: string): number {
    return this.layoutRevs.get(node) ?? 0;
  }

  /** Changes whenever anything about a node's pods changes, state included. */
  podsRevision(node: string): number {
    return this.podRevs.get(node) ?? 0;
  }

  /** Changes whenever a box other than a pod's appears, vanishes or changes shape (Nodes, Services, ConfigMaps...). */
  boxesRevision(): number {
    return this.boxesRev;
  }

  /**
   * Calls `fn` after each applied batch that changed the pod ("namespace/name") or its runtime view,
   * once the bridge calls notifyPods. A pod chip or card watches its own pod this way: with 500 of
   * them, a batch then costs what it changed, where a selector on the whole store would run 500
   * times for every batch. Returns the function that stops watching.
   */
  watchPod(key: string, fn: () => void): () => void {
    let set = this.podWatchers.get(key);
    if (!set) this.podWatchers.set(key, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0 && this.podWatchers.get(key) === set) this.podWatchers.delete(key);
    };
  }

  /** Tells the watchers of every pod changed since the last call. */
  notifyPods(): void {
    if (this.changedPods.size === 0) return;
    const changed = this.changedPods;
    this.changedPods = new Set();
    for (const key of changed) {
      const set = this.podWatchers.get(key);
      if (set) for (const fn of [...set]) fn();
    }
  }

  clear(): void {
    this.byKind.clear();
    this.kindRevs.clear();
    this.runtime.clear();
    this.podsByNode.clear();
    this.podShape.clear();
    this.sourced.clear();
    this.shares.clear();
    this.usageByNode.clear();
    this.countsByNode.clear();
    this.layoutRevs.clear();
    this.podRevs.clear();
    this.boxesRev = ++this.seq;
    for (const key of this.podWatchers.keys()) this.changedPods.add(key);
  }

  /**
   * The runtime view of the pod "namespace/name": the one the worker sent, or else the one its spec
   * and status give, which the worker leaves to the page (see worker/mirror.ts). Undefined when the
   * pod is gone.
   */
  view(key: string): PodRuntimeView | undefined {
    const sent = this.runtime.get(key);
    if (sent) return sent;
    const pod = this.get<Pod & KObject>("Pod", key);
    return pod ? this.derive(pod) : undefined;
  }

  private derive(pod: Pod): PodRuntimeView {
    let view = this.derived.get(pod);
    if (!view) this.derived.set(pod, (view = podView(pod, (ts) => Date.parse(ts) - DEFAULT_EPOCH_MS)));
    return view;
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
    for (const i of batch.sameSpec ?? []) this.keepSpec(batch.updated[i]);
    for (const obj of batch.updated) this.put(obj, result, false);
    for (const ref of batch.removed) this.remove(ref, result);
    for (const view of batch.runtime) {
      this.runtime.set(view.key, view);
      this.podChanged(view.key);
      const pod = this.get<Pod & KObject>("Pod", view.key);
      if (pod) this.share(view.key, pod, pod);
    }
    for (const key of batch.runtimeRemoved) {
      const view = this.runtime.get(key);
      if (view) result.removedViews.set(key, view);
      this.runtime.delete(key);
      this.podChanged(key);
      const pod = this.get<Pod & KObject>("Pod", key);
      if (pod) this.share(key, pod, pod);
    }
    return result;
  }

  /** Puts back the spec an update travelled without (see Batch.sameSpec): the copy this page holds. */
  private keepSpec(obj: KObject): void {
    const old = this.byKind.get(obj.kind)?.get(nsName(obj.metadata.namespace, obj.metadata.name!));
    if (old) obj.spec = old.spec;
    else console.error(`podlab: an update of ${obj.kind} ${obj.metadata.name} came without its spec, which this page does not hold`);
  }

  /** A number that changes whenever an object of this kind is added, changed or removed (0: none since the last reset). */
  kindRevision(kind: string): number {
    return this.kindRevs.get(kind) ?? 0;
  }

  private put(obj: KObject, result: ApplyResult, added: boolean): void {
    const kind = obj.kind;
    this.kindRevs.set(kind, ++this.seq);
    const key = nsName(obj.metadata.namespace, obj.metadata.name!);
    let m = this.byKind.get(kind);
    if (!m) this.byKind.set(kind, (m = new Map()));
    const old = m.get(key);
    m.set(key, obj);
    if (LINK_KINDS.has(kind)) result.links = true;
    if ((added || !old) && BOX_KINDS.has(kind)) {
      result.structural = true;
      if (kind !== "Pod") this.boxesRev = ++this.seq;
    }
    if (kind === "Pod") {
      this.podChanged(key);
      this.indexPod(key, obj as Pod, old as Pod | undefined, result);
    }
    if (kind === "Node" && old && nodeShape(old as Node) !== nodeShape(obj as Node)) {
      result.structural = true;
      this.boxesRev = ++this.seq;
    }
  }

  private remove(ref: ObjectRefLite, result: ApplyResult): void {
    const key = nsName(ref.namespace, ref.name);
    const m = this.byKind.get(ref.kind);
    const old = m?.get(key);
    if (!m || !old) return;
    m.delete(key);
    this.kindRevs.set(ref.kind, ++this.seq);
    if (BOX_KINDS.has(ref.kind)) {
      result.structural = true;
      if (ref.kind !== "Pod") this.boxesRev = ++this.seq;
    }
    if (LINK_KINDS.has(ref.kind)) result.links = true;
    if (ref.kind === "Pod") {
      this.podChanged(key);
      const node = (old as Pod).spec?.nodeName ?? "";
      const set = this.podsByNode.get(node);
      set?.delete(key);
      if (set?.size === 0) this.podsByNode.delete(node);
      this.podShape.delete(key);
      this.sourced.delete(key);
      this.unshare(key);
      this.touch(node, true);
      result.removedPods.push(old as Pod);
      // A pod whose view the worker left to the page fades out with the view it had.
      if (!this.runtime.has(key)) result.removedViews.set(key, this.derive(old as Pod));
      result.links = true;
    }
  }

  private indexPod(key: string, pod: Pod, old: Pod | undefined, result: ApplyResult): void {
    const node = pod.spec?.nodeName ?? "";
    const oldNode = old ? (old.spec?.nodeName ?? "") : undefined;
    let moved = false;
    if (oldNode !== node) {
      moved = true;
      if (oldNode !== undefined) {
        const set = this.podsByNode.get(oldNode);
        set?.delete(key);
        if (set?.size === 0) this.podsByNode.delete(oldNode);
        this.touch(oldNode, true);
      }
      let s = this.podsByNode.get(node);
      if (!s) this.podsByNode.set(node, (s = new Set()));
      s.add(key);
    }
    const shape = podShape(pod);
    if (this.podShape.get(key) !== shape) {
      this.podShape.set(key, shape);
      result.structural = true;
      result.links = true;
      moved = true;
    }
    this.touch(node, moved);
    this.share(key, pod, old);
    if (hasSourcedVolumes(pod)) this.sourced.add(key);
    else this.sourced.delete(key);
  }

  /** Notes a pod to tell its watchers about (a pod nobody draws needs no note: a new watcher reads it anyway). */
  private podChanged(key: string): void {
    if (this.podWatchers.has(key)) this.changedPods.add(key);
  }

  /** Marks a node's pods as changed; `layout` when they changed place or shape too. */
  private touch(node: string, layout: boolean): void {
    const rev = ++this.seq;
    this.podRevs.set(node, rev);
    if (layout) this.layoutRevs.set(node, rev);
  }

  /** Moves a pod's share of the per-node sums to what it is now. */
  private share(key: string, pod: Pod, old: Pod | undefined): void {
    const before = this.shares.get(key);
    const holds = podHoldsResources(pod);
    // Requests only change with the spec, which is rarely touched: parse them once per spec.
    const requests = before && old && sameRequests(old, pod) ? before.requests : holds ? podRequests(pod) : ZERO;
    const now: PodShare = { node: pod.spec?.nodeName ?? "", holds, requests, status: (this.runtime.get(key) ?? this.derive(pod)).statusText || pod.status?.phase || "Pending" };
    if (before && before.node === now.node && before.holds === now.holds && before.status === now.status && before.requests.cpu === requests.cpu && before.requests.memory === requests.memory) {
      this.shares.set(key, now);
      return;
    }
    if (before) this.add(before, -1);
    this.add(now, 1);
    this.shares.set(key, now);
    if (before && before.node !== now.node) this.touch(before.node, false);
    this.touch(now.node, false);
  }

  private unshare(key: string): void {
    const before = this.shares.get(key);
    if (!before) return;
    this.add(before, -1);
    this.shares.delete(key);
  }

  /** Adds (sign 1) or takes away (-1) a pod's share, replacing the node's sums with new objects. */
  private add(share: PodShare, sign: 1 | -1): void {
    if (share.holds) {
      const u = this.usage(share.node);
      const next: NodeUsage = { requested: { cpu: u.requested.cpu + sign * share.requests.cpu, memory: u.requested.memory + sign * share.requests.memory }, pods: u.pods + sign };
      if (next.pods === 0) this.usageByNode.delete(share.node);
      else this.usageByNode.set(share.node, next);
    }
    const counts = { ...this.statusCounts(share.node) };
    const n = (counts[share.status] ?? 0) + sign;
    if (n > 0) counts[share.status] = n;
    else delete counts[share.status];
    if (Object.keys(counts).length === 0) this.countsByNode.delete(share.node);
    else this.countsByNode.set(share.node, counts);
  }
}

const ZERO: Requests = { cpu: 0, memory: 0 };

/** True when two versions of a pod request the same (requests, limits and overhead are untouched). */
function sameRequests(a: Pod, b: Pod): boolean {
  if (a.spec === b.spec) return true;
  if (podHoldsResources(a) !== podHoldsResources(b)) return false;
  const sameList = (x: Container[] | undefined, y: Container[] | undefined) =>
    (x?.length ?? 0) === (y?.length ?? 0) &&
    (x ?? []).every((c, i) => {
      const d = y![i];
      const r = c.resources;
      const q = d.resources;
      return (
        c.restartPolicy === d.restartPolicy &&
        r?.requests?.cpu === q?.requests?.cpu &&
        r?.requests?.memory === q?.requests?.memory &&
        r?.limits?.cpu === q?.limits?.cpu &&
        r?.limits?.memory === q?.limits?.memory
      );
    });
  return sameList(a.spec?.containers, b.spec?.containers) && sameList(a.spec?.initContainers, b.spec?.initContainers) && a.spec?.overhead?.cpu === b.spec?.overhead?.cpu && a.spec?.overhead?.memory === b.spec?.overhead?.memory;
}

const EMPTY: ReadonlySet<string> = new Set();

/** What of a pod decides its box: where it sits, how many rows it draws, and its labels (the graph filters by them). */
function podShape(pod: Pod): string {
  const s = pod.spec;
  const unschedulable = pod.status?.conditions?.some((c) => c.type === "PodScheduled" && c.status === "False") ?? false;
  let labels = "";
  for (const k in pod.metadata?.labels) labels += `${k}=${pod.metadata.labels[k]},`;
  return [
    labels,
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
