/**
 * What a DaemonSet sync needs from every node, kept from one sync to the next: the daemon pods by
 * node and, per node, its verdict (nodeShouldRunDaemonPod), what it adds to the status, and whether
 * the manage loop has anything to do there.
 *
 * kube-controller-manager walks every node on every sync, and a DaemonSet syncs on every change to
 * one of its pods: while N nodes start their daemon pods that is N syncs of N nodes. Here a sync
 * after a few pods changed refiles only those pods and recounts only their nodes, with the same
 * answers. Everything else builds the view again from the claimed pods: a new DaemonSet spec or
 * revision, a node added or deleted, a pod to release, and minReadySeconds (availability then
 * depends on the clock).
 */
import type { ObjectStore } from "../../store/store";
import type { Selector } from "../../api/labels";
import { matches } from "../../api/labels";
import { controllerRefOf, isPodReady, type PodObject } from "../job/pod-control";
import { nodeShouldRunDaemonPod, targetNodeName, type DaemonSetObject, type NodeObject, type Verdict } from "./eligibility";
import { isPodUpdated } from "./update";

/** The node names in order, and each name's place; a new object whenever a node is added or deleted. */
export interface NodeOrder {
  names: string[];
  position: Map<string, number>;
}

/** The DaemonSet status counts updateDaemonSetStatus reports. */
export interface DaemonCounts {
  desired: number;
  current: number;
  ready: number;
  available: number;
  updated: number;
  misscheduled: number;
}

// One node's share of the counts, as bits.
const DESIRED = 1;
const CURRENT = 2;
const READY = 4;
const AVAILABLE = 8;
const UPDATED = 16;
const MISSCHEDULED = 32;

const NO_PODS: readonly PodObject[] = [];

export class DaemonView {
  /** The claimed pods by the node they run on or are meant for (getNodesToDaemonPods). */
  readonly byNode = new Map<string, PodObject[]>();
  /** Node names with pods but no Node object. */
  readonly strays = new Set<string>();
  /** The positions (in `order`) of nodes where podsShouldBeOnNode may act. */
  private readonly needy = new Set<number>();
  private readonly filedAt = new Map<string, string>();
  private readonly verdicts: Verdict[];
  private readonly shares: Uint8Array;
  private readonly olds: Uint32Array;
  private readonly counts: DaemonCounts = { desired: 0, current: 0, ready: 0, available: 0, updated: 0, misscheduled: 0 };
  private oldPods = 0;
  private readonly dirtyPods = new Set<string>();
  private readonly dirtyNodes = new Set<string>();
  private readonly touched = new Set<string>();

  /**
   * `claimed` are the pods claimObjects returned for `ds`. The view holds while the DaemonSet's
   * spec object, revision hash and the node order stay the same.
   */
  constructor(
    private readonly store: ObjectStore,
    readonly ds: DaemonSetObject,
    readonly hash: string,
    readonly order: NodeOrder,
    private readonly selector: Selector,
    claimed: PodObject[],
    private readonly available: (pod: PodObject) => boolean,
  ) {
    const n = order.names.length;
    this.verdicts = new Array<Verdict>(n);
    this.shares = new Uint8Array(n);
    this.olds = new Uint32Array(n);
    for (const pod of claimed) this.file(pod);
    for (let i = 0; i < n; i++) {
      this.verdicts[i] = this.verdictAt(i);
      this.recount(i);
    }
    for (const node of this.byNode.keys()) if (!order.position.has(node)) this.strays.add(node);
  }

  /** Whether this view can serve a sync of `ds` at revision `hash` over `order`. */
  fits(ds: DaemonSetObject, hash: string, order: NodeOrder): boolean {
    return ds.metadata.uid === this.ds.metadata.uid && ds.spec === this.ds.spec && hash === this.hash && order === this.order && !ds.spec?.minReadySeconds;
  }

  /** A pod of this DaemonSet (now or before) changed. */
  markPod(name: string): void {
    this.dirtyPods.add(name);
  }

  /** A node's labels or taints changed. */
  markNode(name: string): void {
    this.dirtyNodes.add(name);
  }

  /**
   * Brings the view up to date with the pods and nodes marked since. False when a marked pod must
   * be released (its labels no longer match): only claimObjects does that, so the caller builds
   * the view again.
   */
  refresh(): boolean {
    const uid = this.ds.metadata.uid;
    const ns = this.ds.metadata.namespace;
    for (const name of this.dirtyPods) {
      const pod = this.store.get("Pod", ns, name) as PodObject | undefined;
      const controlled = !!pod && controllerRefOf(pod)?.uid === uid;
      if (controlled && !matches(this.selector, pod.metadata.labels)) return false;
      this.unfile(name);
      if (controlled) this.file(pod);
    }
    this.dirtyPods.clear();
    for (const name of this.dirtyNodes) {
      const i = this.order.position.get(name);
      if (i === undefined) continue;
      this.verdicts[i] = this.verdictAt(i);
      this.touched.add(name);
    }
    this.dirtyNodes.clear();
    for (const name of this.touched) {
      const i = this.order.position.get(name);
      if (i !== undefined) this.recount(i);
      else if (this.byNode.has(name)) this.strays.add(name);
      else this.strays.delete(name);
    }
    this.touched.clear();
    return true;
  }

  /** The nodes podsShouldBeOnNode may act on, in name order, with their verdicts. */
  *needing(): Generator<{ name: string; verdict: Verdict }> {
    const positions = [...this.needy].sort((a, b) => a - b);
    for (const i of positions) yield { name: this.order.names[i], verdict: this.verdicts[i] };
  }

  /** The status counts. */
  get status(): Readonly<DaemonCounts> {
    return this.counts;
  }

  /** Whether a live pod runs an old revision: only then has a rolling update anything to do. */
  get hasOldPods(): boolean {
    return this.oldPods > 0;
  }

  /** Every claimed pod. */
  pods(): PodObject[] {
    return [...this.byNode.values()].flat();
  }

  /** The nodes in name order (for the rolling update). */
  nodes(): NodeObject[] {
    const out: NodeObject[] = [];
    for (const name of this.order.names) {
      const node = this.store.get("Node", undefined, name) as NodeObject | undefined;
      if (node) out.push(node);
    }
    return out;
  }

  /** What a view built from scratch would hold, for tests: counts, needy nodes and pods by node. */
  describe(): { counts: DaemonCounts; needy: string[]; old: number; pods: Record<string, string[]>; strays: string[] } {
    const pods: Record<string, string[]> = {};
    for (const [node, list] of [...this.byNode].sort(([a], [b]) => (a < b ? -1 : 1))) pods[node] = list.map((p) => p.metadata.name!).sort();
    return {
      counts: { ...this.counts },
      needy: [...this.needing()].map((n) => n.name),
      old: this.oldPods,
      pods,
      strays: [...this.strays].sort(),
    };
  }

  private verdictAt(i: number): Verdict {
    const node = this.store.get("Node", undefined, this.order.names[i]) as NodeObject | undefined;
    return node ? nodeShouldRunDaemonPod(node, this.ds) : NOT_A_NODE;
  }

  private file(pod: PodObject): void {
    const node = targetNodeName(pod);
    if (node === undefined) return;
    const list = this.byNode.get(node);
    if (list) list.push(pod);
    else this.byNode.set(node, [pod]);
    this.filedAt.set(pod.metadata.name!, node);
    this.touched.add(node);
  }

  private unfile(name: string): void {
    const node = this.filedAt.get(name);
    if (node === undefined) return;
    this.filedAt.delete(name);
    const list = this.byNode.get(node)!;
    const at = list.findIndex((p) => p.metadata.name === name);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.byNode.delete(node);
    this.touched.add(node);
  }

  /** Replaces node i's share of the counts with what its verdict and pods give now. */
  private recount(i: number): void {
    const verdict = this.verdicts[i];
    const pods = this.byNode.get(this.order.names[i]) ?? NO_PODS;
    let share = 0;
    if (!verdict.shouldRun) {
      if (pods.length > 0) share |= MISSCHEDULED;
    } else {
      share |= DESIRED;
      if (pods.length > 0) {
        share |= CURRENT;
        const pod = pods.length === 1 ? pods[0] : [...pods].sort(byCreationTimestampAndPhase)[0];
        if (isPodReady(pod)) share |= this.available(pod) ? READY | AVAILABLE : READY;
        if (isPodUpdated(pod, this.hash, this.ds)) share |= UPDATED;
      }
    }
    let old = 0;
    for (const pod of pods) if (!pod.metadata.deletionTimestamp && !isPodUpdated(pod, this.hash, this.ds)) old++;
    this.add(this.shares[i], -1);
    this.add(share, 1);
    this.shares[i] = share;
    this.oldPods += old - this.olds[i];
    this.olds[i] = old;
    if (idle(verdict, pods)) this.needy.delete(i);
    else this.needy.add(i);
  }

  private add(share: number, sign: number): void {
    const c = this.counts;
    if (share & DESIRED) c.desired += sign;
    if (share & CURRENT) c.current += sign;
    if (share & READY) c.ready += sign;
    if (share & AVAILABLE) c.available += sign;
    if (share & UPDATED) c.updated += sign;
    if (share & MISSCHEDULED) c.misscheduled += sign;
  }
}

/** A name in the order whose Node is gone before the order is made again. */
const NOT_A_NODE: Verdict = Object.freeze({ shouldRun: false, shouldContinueRunning: false });

/**
 * Where podsShouldBeOnNode does nothing at all: one live pod that has not finished, on a node it may
 * stay on; or no pod where none should run.
 */
function idle(verdict: Verdict, pods: readonly PodObject[]): boolean {
  if (pods.length === 0) return !verdict.shouldRun;
  if (pods.length !== 1 || !verdict.shouldContinueRunning) return false;
  const pod = pods[0];
  const phase = pod.status?.phase;
  return !pod.metadata.deletionTimestamp && phase !== "Failed" && phase !== "Succeeded";
}

/** podByCreationTimestampAndPhase: scheduled pods first, then oldest first, then by name. */
export function byCreationTimestampAndPhase(a: PodObject, b: PodObject): number {
  const an = !!a.spec?.nodeName;
  const bn = !!b.spec?.nodeName;
  if (an !== bn) return an ? -1 : 1;
  const at = a.metadata.creationTimestamp ?? "";
  const bt = b.metadata.creationTimestamp ?? "";
  if (at !== bt) return at < bt ? -1 : 1;
  return (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1;
}
