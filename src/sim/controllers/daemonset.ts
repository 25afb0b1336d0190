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
import { claimObjects, controllerRefOf, indexByController, isNotFound, isPodAvailable, isPodReady, newControllerRef, PodControl, type PodObject } from "./job/pod-control";
import { FailedPodsBackoff } from "./daemonset/backoff";
import { createPodTemplate, nodeNameAffinity, nodeShouldRunDaemonPod, targetNodeName, type DaemonSetObject, type NodeObject } from "./daemonset/eligibility";
import { cleanupHistory, constructHistory, DAEMONSET_CONTROLLER } from "./daemonset/history";
import { allowsSurge, isPodUpdated, rollingUpdate } from "./daemonset/update";

export { daemonSetRolloutStatus } from "./daemonset/rollout-status";
export { DAEMONSET_CONTROLLER };

/** BurstReplicas: at most this many pods are created or deleted in one sync. */
const BURST_REPLICAS = 250;

export class DaemonSetController extends Controller {
  readonly name = DAEMONSET_CONTROLLER;
  private podControl!: PodControl;
  private backoff!: FailedPodsBackoff;

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
      // Heartbeats and other status writes cannot change where daemon pods belong: only labels and taints can.
      if (e.type === "MODIFIED" && old && deepEqual(old.metadata.labels, node.metadata.labels) && deepEqual(old.spec?.taints, node.spec?.taints)) return;
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

  /** getNodesToDaemonPods: the claimed pods grouped by the node they run on or are meant for. */
  private nodesToDaemonPods(ds: DaemonSetObject): Map<string, PodObject[]> {
    const pods = claimObjects<PodObject>(this.cluster, "Pod", ds, fromLabelSelector(ds.spec?.selector), DAEMONSET_CONTROLLER);
    const out = new Map<string, PodObject[]>();
    for (const pod of pods) {
      const node = targetNodeName(pod);
      if (node === undefined) continue;
      const list = out.get(node);
      if (list) list.push(pod);
      else out.set(node, [pod]);
    }
    return out;
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const { cluster } = this;
    const ds = cluster.api.tryGet<DaemonSetObject>("DaemonSet", namespace, name);
    this.backoff.gc(cluster.clock.now);
    if (!ds) return;
    const nodes = (cluster.api.list("Node") as NodeObject[]).slice().sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    if (isEverything(fromLabelSelector(ds.spec?.selector))) {
      cluster.events.record(ds, "Warning", "SelectingAll", "This daemon set is selecting all pods. A non-empty selector is required.", { component: DAEMONSET_CONTROLLER });
      return;
    }
    if (ds.metadata.deletionTimestamp) return;
    // The daemon pods by node, found again only after something was written (a pod created or
    // deleted, adopted or relabelled): a big cluster has one per node.
    let byNode: Map<string, PodObject[]> | undefined;
    let foundAt = -1;
    const daemonPods = (): Map<string, PodObject[]> => {
      if (!byNode || foundAt !== cluster.store.resourceVersion) {
        byNode = this.nodesToDaemonPods(ds);
        foundAt = cluster.store.resourceVersion;
      }
      return byNode;
    };
    const { cur, old } = constructHistory(cluster, ds, () => [...daemonPods().values()].flat());
    const hash = cur.metadata.labels?.["controller-revision-hash"] ?? "";
    // Writes made by manage are observed (expectations) before the rolling update runs, on a later sync.
    const acted = this.manage(ds, nodes, hash, key, daemonPods());
    if (!acted && ds.spec?.updateStrategy?.type === "RollingUpdate") {
      const plan = rollingUpdate(ds, nodes, daemonPods(), hash, this.available(ds));
      this.syncNodes(ds, plan.podsToDelete, plan.nodesToCreate, hash);
    }
    cleanupHistory(cluster, ds, old, [...daemonPods().values()].flat());
    this.updateStatus(ds, nodes, hash, key, daemonPods());
  }

  /** manage: what each node needs (podsShouldBeOnNode), then syncNodes. True when it wrote anything. */
  private manage(ds: DaemonSetObject, nodes: NodeObject[], hash: string, key: string, byNode: Map<string, PodObject[]>): boolean {
    const create: string[] = [];
    const remove: string[] = [];
    for (const node of nodes) {
      const r = this.podsShouldBeOnNode(node, byNode, ds, hash, key);
      create.push(...r.create);
      remove.push(...r.remove);
    }
    const existing = new Set(nodes.map((n) => n.metadata.name));
    for (const [nodeName, pods] of byNode) {
      if (existing.has(nodeName)) continue;
      for (const p of pods) if (!p.spec?.nodeName) remove.push(p.metadata.name!);
    }
    return this.syncNodes(ds, remove, create, hash);
  }

  private podsShouldBeOnNode(node: NodeObject, byNode: Map<string, PodObject[]>, ds: DaemonSetObject, hash: string, key: string): { create: string[]; remove: string[] } {
    const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
    const nodeName = node.metadata.name!;
    const pods = byNode.get(nodeName);
    const create: string[] = [];
    const remove: string[] = [];
    if (shouldRun && !pods) return { create: [nodeName], remove };
    if (!shouldContinueRunning) {
      for (const p of pods ?? []) if (!p.metadata.deletionTimestamp) remove.push(p.metadata.name!);
      return { create, remove };
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
      return { create, remove };
    }
    if (running.length <= 1) {
      if (running.length === 0 && shouldRun) create.push(nodeName);
      return { create, remove };
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
    return { create, remove };
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
  private updateStatus(ds: DaemonSetObject, nodes: NodeObject[], hash: string, key: string, byNode: Map<string, PodObject[]>): void {
    const available = this.available(ds);
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let updated = 0;
    let numberAvailable = 0;
    for (const node of nodes) {
      const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
      const pods = byNode.get(node.metadata.name!) ?? [];
      if (!shouldRun) {
        if (pods.length > 0) misscheduled++;
        continue;
      }
      desired++;
      if (pods.length === 0) continue;
      current++;
      const pod = pods.length === 1 ? pods[0] : [...pods].sort(byCreationTimestampAndPhase)[0];
      if (isPodReady(pod)) {
        ready++;
        if (available(pod)) numberAvailable++;
      }
      if (isPodUpdated(pod, hash, ds)) updated++;
    }
    const status: DaemonSetStatus = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
      ...(updated ? { updatedNumberScheduled: updated } : {}),
      ...(numberAvailable ? { numberAvailable } : {}),
      ...(desired - numberAvailable ? { numberUnavailable: desired - numberAvailable } : {}),
      ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}),
    };
    this.cluster.api.mutate("DaemonSet", ds.metadata.namespace, ds.metadata.name!, { actor: DAEMONSET_CONTROLLER }, (d) => {
      d.status = { ...status, ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}), ...(d.status?.conditions ? { conditions: d.status.conditions } : {}) };
    }, "status");
    const minReady = ds.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && ready !== numberAvailable) this.enqueueAfter(key, minReady * 1000);
  }
}

/** podByCreationTimestampAndPhase: scheduled pods first, then oldest first, then by name. */
function byCreationTimestampAndPhase(a: PodObject, b: PodObject): number {
  const an = !!a.spec?.nodeName;
  const bn = !!b.spec?.nodeName;
  if (an !== bn) return an ? -1 : 1;
  const at = a.metadata.creationTimestamp ?? "";
  const bt = b.metadata.creationTimestamp ?? "";
  if (at !== bt) return at < bt ? -1 : 1;
  return (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1;
}
