/**
 * The DaemonSet controller (pkg/controller/daemon): one pod on every node the template fits
 * (nodeSelector, node affinity, tolerated taints), created with a node affinity on the node's name so
 * the default scheduler binds it there; pods on nodes that no longer fit are deleted, failed pods are
 * replaced with a back-off; RollingUpdate (maxUnavailable, maxSurge) or OnDelete; ControllerRevisions;
 * and the status kubectl shows. New nodes get a pod as soon as they are added. Events come from
 * `daemonset-controller`: "Created pod: fluentd-elasticsearch-x7b9f".
 */
import type { DaemonSetStatus } from "kubernetes-types/apps/v1";
import { fromLabelSelector, isEverything, matches } from "../api/labels";
import { deepEqual } from "../util/object";
import { Controller, keyOf, splitKey } from "./controller";
import { orphansIn } from "./workload/owner-refs";
import { claimObjects, controllerRefOf, indexByController, isNotFound, isPodAvailable, isPodReady, newControllerRef, PodControl, type PodObject } from "./job/pod-control";
import { FailedPodsBackoff } from "./daemonset/backoff";
import { createPodTemplate, nodeNameAffinity, nodeShouldRunDaemonPod, type DaemonSetObject, type NodeObject, type Verdict } from "./daemonset/eligibility";
import { cleanupHistory, constructHistory, DAEMONSET_CONTROLLER } from "./daemonset/history";
import { allowsSurge, isPodUpdated, rollingUpdate } from "./daemonset/update";
import { byCreationTimestampAndPhase, DaemonView, type DaemonCounts, type NodeOrder } from "./daemonset/view";

export { daemonSetRolloutStatus } from "./daemonset/rollout-status";
export { DAEMONSET_CONTROLLER };

/** BurstReplicas: at most this many pods are created or deleted in one sync. */
const BURST_REPLICAS = 250;

export class DaemonSetController extends Controller {
  readonly name = DAEMONSET_CONTROLLER;
  private podControl!: PodControl;
  private backoff!: FailedPodsBackoff;
  /** The node names in order, made again when a node is added or deleted: every sync walks them. */
  private nodeOrder: NodeOrder | undefined;
  /** Per DaemonSet key, what its last sync saw of every node. */
  private readonly views = new Map<string, DaemonView>();

  protected setup(): void {
    const { cluster } = this;
    indexByController(cluster, "Pod");
    indexByController(cluster, "ControllerRevision");
    this.podControl = new PodControl(cluster, DAEMONSET_CONTROLLER);
    this.backoff = new FailedPodsBackoff(cluster.timing("daemonSetFailedPodsBackOff"), cluster.timing("daemonSetFailedPodsBackOffMax"));
    const api = cluster.api;
    api.watch("DaemonSet", (e) => this.enqueue(keyOf(e.object.metadata.namespace, e.object.metadata.name!)));
    api.watch("Pod", (e) => {
      const pod = e.object as PodObject;
      const old = e.old as PodObject | undefined;
      this.markPod(pod);
      if (old) this.markPod(old);
      if (e.type === "MODIFIED" && old) {
        const oldRef = controllerRefOf(old);
        if (oldRef && oldRef.uid !== controllerRefOf(pod)?.uid) this.enqueueOwner(old);
        if (!isPodReady(old) && isPodReady(pod)) this.requeueForMinReady(pod);
      }
      this.enqueueOwner(pod);
    });
    api.watch("Node", (e) => {
      const node = e.object as NodeObject;
      const old = e.old as NodeObject | undefined;
      if (e.type !== "MODIFIED") this.nodeOrder = undefined;
      // Heartbeats and other status writes cannot change where daemon pods belong: only labels and taints can.
      if (e.type === "MODIFIED" && old && deepEqual(old.metadata.labels, node.metadata.labels) && deepEqual(old.spec?.taints, node.spec?.taints)) return;
      for (const view of this.views.values()) view.markNode(node.metadata.name!);
      for (const ds of cluster.store.each("DaemonSet") as IterableIterator<DaemonSetObject>) {
        if (e.type === "MODIFIED" && old) {
          const a = nodeShouldRunDaemonPod(old, ds);
          const b = nodeShouldRunDaemonPod(node, ds);
          if (a.shouldRun === b.shouldRun && a.shouldContinueRunning === b.shouldContinueRunning) continue;
        } else if (e.type === "ADDED" && !nodeShouldRunDaemonPod(node, ds).shouldRun) {
          continue;
        }
        this.enqueue(keyOf(ds.metadata.namespace, ds.metadata.name!));
      }
    });
  }

  /** Tells the view of the DaemonSet controlling `pod` that the pod changed. */
  private markPod(pod: PodObject): void {
    const ref = controllerRefOf(pod);
    if (ref?.kind === "DaemonSet") this.views.get(keyOf(pod.metadata.namespace, ref.name))?.markPod(pod.metadata.name!);
  }

  private enqueueOwner(pod: PodObject): void {
    const ns = pod.metadata.namespace;
    const ref = controllerRefOf(pod);
    if (ref) {
      if (ref.kind === "DaemonSet") this.enqueue(keyOf(ns, ref.name));
      return;
    }
    for (const ds of this.cluster.store.each("DaemonSet", ns)) {
      if (matches(fromLabelSelector(ds.spec?.selector), pod.metadata.labels)) this.enqueue(keyOf(ns, ds.metadata.name!));
    }
  }

  private requeueForMinReady(pod: PodObject): void {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== "DaemonSet") return;
    const ds = this.cluster.store.get("DaemonSet", pod.metadata.namespace, ref.name) as DaemonSetObject | undefined;
    const minReady = ds?.spec?.minReadySeconds ?? 0;
    if (minReady > 0) this.enqueueAfter(keyOf(pod.metadata.namespace, ref.name), minReady * 1000 + 1);
  }

  private available(ds: DaemonSetObject): (pod: PodObject) => boolean {
    const clock = this.cluster.clock;
    return (pod) => isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, clock.now, (ts) => clock.parseTimestamp(ts));
  }

  /** The pods this DaemonSet claims (adopting matching orphans, releasing what no longer matches). */
  private claim(ds: DaemonSetObject): PodObject[] {
    return claimObjects<PodObject>(this.cluster, "Pod", ds, fromLabelSelector(ds.spec?.selector), DAEMONSET_CONTROLLER);
  }

  /** The view of `ds` brought up to date, or built again when it no longer fits. */
  private viewFor(key: string, ds: DaemonSetObject, hash: string): DaemonView {
    const order = this.sortedNodes();
    const known = this.views.get(key);
    if (known?.fits(ds, hash, order) && !this.hasOrphans(ds) && known.refresh()) return known;
    const view = new DaemonView(this.cluster.store, ds, hash, order, fromLabelSelector(ds.spec?.selector), this.claim(ds), this.available(ds));
    this.views.set(key, view);
    return view;
  }

  /** Whether a pod without a controller waits to be adopted: only claimObjects adopts. */
  private hasOrphans(ds: DaemonSetObject): boolean {
    const selector = fromLabelSelector(ds.spec?.selector);
    return orphansIn(this.cluster.store, "Pod", ds.metadata.namespace!).some((p) => !p.metadata.deletionTimestamp && matches(selector, p.metadata.labels));
  }

  /** The view the last sync of `key` used (for inspection). */
  viewOf(key: string): DaemonView | undefined {
    return this.views.get(key);
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const { cluster } = this;
    const ds = cluster.api.tryGet<DaemonSetObject>("DaemonSet", namespace, name);
    this.backoff.gc(cluster.clock.now);
    if (!ds) {
      this.views.delete(key);
      return;
    }
    if (isEverything(fromLabelSelector(ds.spec?.selector))) {
      cluster.events.record(ds, "Warning", "SelectingAll", "This daemon set is selecting all pods. A non-empty selector is required.", { component: DAEMONSET_CONTROLLER });
      return;
    }
    if (ds.metadata.deletionTimestamp) return;
    const { cur, old } = constructHistory(cluster, ds, () => this.claim(ds));
    const hash = cur.metadata.labels?.["controller-revision-hash"] ?? "";
    let view = this.viewFor(key, ds, hash);
    // Writes made by manage are observed (expectations) before the rolling update runs, on a later sync.
    const acted = this.manage(ds, view, hash, key);
    if (!acted && ds.spec?.updateStrategy?.type === "RollingUpdate" && view.hasOldPods) {
      const plan = rollingUpdate(ds, view.nodes(), view.byNode, hash, this.available(ds));
      this.syncNodes(ds, plan.podsToDelete, plan.nodesToCreate, hash);
    }
    view = this.viewFor(key, ds, hash);
    cleanupHistory(cluster, ds, old, () => view.pods());
    this.updateStatus(ds, view.status, key);
  }

  /** The nodes in name order. */
  private sortedNodes(): NodeOrder {
    if (!this.nodeOrder) {
      const names = this.cluster.store.list("Node").map((n) => n.metadata.name!);
      names.sort();
      this.nodeOrder = { names, position: new Map(names.map((name, i) => [name, i])) };
    }
    return this.nodeOrder;
  }

  /** manage: what each node needs (podsShouldBeOnNode), then syncNodes. True when it wrote anything. */
  private manage(ds: DaemonSetObject, view: DaemonView, hash: string, key: string): boolean {
    const create: string[] = [];
    const remove: string[] = [];
    for (const { name, verdict } of view.needing()) this.podsShouldBeOnNode(name, verdict, view.byNode, ds, hash, key, create, remove);
    for (const nodeName of view.strays) {
      for (const p of view.byNode.get(nodeName) ?? []) if (!p.spec?.nodeName) remove.push(p.metadata.name!);
    }
    return this.syncNodes(ds, remove, create, hash);
  }

  /** podsShouldBeOnNode: adds what one node needs to `create` and `remove`. */
  private podsShouldBeOnNode(nodeName: string, verdict: Verdict, byNode: Map<string, PodObject[]>, ds: DaemonSetObject, hash: string, key: string, create: string[], remove: string[]): void {
    const { shouldRun, shouldContinueRunning } = verdict;
    const pods = byNode.get(nodeName);
    if (shouldRun && !pods) {
      create.push(nodeName);
      return;
    }
    if (!shouldContinueRunning) {
      for (const p of pods ?? []) if (!p.metadata.deletionTimestamp) remove.push(p.metadata.name!);
      return;
    }
    const now = this.cluster.clock.now;
    const running: PodObject[] = [];
    for (const pod of pods ?? []) {
      if (pod.metadata.deletionTimestamp) continue;
      const source = { component: DAEMONSET_CONTROLLER };
      if (pod.status?.phase === "Failed") {
        const backoffKey = `${ds.metadata.uid}/${ds.status?.observedGeneration ?? 0}/${nodeName}`;
        if (this.backoff.isInBackOffSinceUpdate(backoffKey, now)) {
          this.enqueueAfter(key, this.backoff.get(backoffKey));
          continue;
        }
        this.backoff.next(backoffKey, now);
        this.cluster.events.record(ds, "Warning", "FailedDaemonPod", `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${nodeName}, will try to kill it`, source);
        remove.push(pod.metadata.name!);
      } else if (pod.status?.phase === "Succeeded") {
        this.cluster.events.record(ds, "Normal", "SucceededDaemonPod", `Found succeeded daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${nodeName}, will try to delete it`, source);
        remove.push(pod.metadata.name!);
      } else {
        running.push(pod);
      }
    }
    running.sort(byCreationTimestampAndPhase);
    if (!allowsSurge(ds)) {
      for (const p of running.slice(1)) remove.push(p.metadata.name!);
      return;
    }
    if (running.length <= 1) {
      if (running.length === 0 && shouldRun) create.push(nodeName);
      return;
    }
    // Surging: keep the oldest new pod and the oldest old pod; the old one goes when the new is available.
    let oldestNew: PodObject | undefined;
    let oldestOld: PodObject | undefined;
    for (const pod of running) {
      if (isPodUpdated(pod, hash, ds)) {
        if (!oldestNew) {
          oldestNew = pod;
          continue;
        }
      } else if (!oldestOld) {
        oldestOld = pod;
        continue;
      }
      remove.push(pod.metadata.name!);
    }
    if (oldestNew && oldestOld && (!isPodReady(oldestOld) || this.available(ds)(oldestNew))) remove.push(oldestOld.metadata.name!);
  }

  /** syncNodes: deletes and creates (slow-start batches, at most BurstReplicas each). True when it acted. */
  private syncNodes(ds: DaemonSetObject, podsToDelete: string[], nodesNeedingPods: string[], hash: string): boolean {
    const create = nodesNeedingPods.slice(0, BURST_REPLICAS);
    const remove = podsToDelete.slice(0, BURST_REPLICAS);
    const template = createPodTemplate(ds, hash);
    const ref = newControllerRef(ds);
    let errored: unknown;
    let batch = Math.min(create.length, 1);
    for (let pos = 0; pos < create.length && !errored; ) {
      for (let i = pos; i < pos + batch; i++) {
        const t = { ...template, spec: { ...template.spec!, affinity: nodeNameAffinity(template.spec?.affinity, create[i]) } };
        try {
          this.podControl.create(ds.metadata.namespace!, t, ds, ref);
        } catch (e) {
          errored ??= e;
        }
      }
      pos += batch;
      batch = Math.min(2 * batch, create.length - pos);
    }
    for (const name of remove) {
      try {
        this.podControl.delete(ds.metadata.namespace!, name, ds);
      } catch (e) {
        if (!isNotFound(e)) errored ??= e;
      }
    }
    if (errored) throw errored;
    return create.length + remove.length > 0;
  }

  /** updateDaemonSetStatus. */
  private updateStatus(ds: DaemonSetObject, counts: Readonly<DaemonCounts>, key: string): void {
    const { desired, current, misscheduled, ready, updated, available } = counts;
    const status: DaemonSetStatus = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
      ...(updated ? { updatedNumberScheduled: updated } : {}),
      ...(available ? { numberAvailable: available } : {}),
      ...(desired - available ? { numberUnavailable: desired - available } : {}),
      ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}),
    };
    this.cluster.api.mutate("DaemonSet", ds.metadata.namespace, ds.metadata.name!, { actor: DAEMONSET_CONTROLLER }, (d) => {
      d.status = { ...status, ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}), ...(d.status?.conditions ? { conditions: d.status.conditions } : {}) };
    }, "status");
    const minReady = ds.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && ready !== available) this.enqueueAfter(key, minReady * 1000);
  }
}
