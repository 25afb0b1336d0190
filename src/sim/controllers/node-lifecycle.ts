/**
 * The node lifecycle controller (pkg/controller/nodelifecycle). Every node-monitor-period (5 s) it
 * looks at every node once — O(nodes), no per-pod work unless a node changes:
 *
 * - a node whose Lease was not renewed and whose Ready condition's heartbeat did not move for
 *   node-monitor-grace-period (40 s) gets Ready, MemoryPressure, DiskPressure and PIDPressure Unknown
 *   (`NodeStatusUnknown`, "Kubelet stopped posting node status."), a `NodeNotReady` event, and its
 *   pods Ready=False ("Node is not ready");
 * - not-Ready nodes are queued for the `node.kubernetes.io/not-ready` or `unreachable` NoExecute
 *   taint, added at --node-eviction-rate per zone (and not at all in a small zone that is mostly
 *   down, or when every zone is down); the taint-eviction controller then deletes pods after their
 *   tolerationSeconds. A node Ready again loses both taints.
 * - new and deleted nodes are announced (`RegisteredNode`, `RemovingNode`); the cluster's own nodes
 *   were registered before the session and are not.
 *
 * On every node change it also keeps the NoSchedule taints of TaintNodesByCondition in step with the
 * conditions and spec.unschedulable (`node.kubernetes.io/unschedulable` on a cordoned node).
 */
import type { Lease } from "kubernetes-types/coordination/v1";
import type { Node, NodeCondition, Pod } from "kubernetes-types/core/v1";
import type { Cluster, Component } from "../cluster";
import type { TimerHandle } from "../clock";
import type { KObject } from "../api/types";
import { NODE_LEASE_NAMESPACE } from "../kubelet/node-status";
import { nodeControllerTiming } from "./node-timings";
import { hasTaint, nodeCondition, ownedNoScheduleTaints, swapTaints, TAINT_NOT_READY, TAINT_UNREACHABLE, TaintQueue, wantedNoScheduleTaints, zoneKey } from "./node-taints";
import { indexPodsByNode, podsOnNode } from "../store/pods-by-node";

export const NODE_LIFECYCLE_CONTROLLER = "node-lifecycle-controller";
/** The event source the controller's recorder uses. */
const EVENT_SOURCE = { component: "node-controller" };
/** NodeEvictionPeriod: how often queued NoExecute taints are tried. */
const EVICTION_PERIOD_MS = 100;
/** A node with this label is left out of the zone's disruption count. */
const EXCLUDE_DISRUPTION = "node.kubernetes.io/exclude-disruption";

const NOT_READY_NO_EXECUTE = { key: TAINT_NOT_READY, effect: "NoExecute" as const };
const UNREACHABLE_NO_EXECUTE = { key: TAINT_UNREACHABLE, effect: "NoExecute" as const };

type ZoneState = "Initial" | "Normal" | "PartialDisruption" | "FullDisruption";

/** What the controller last saw of a node's health signals, stamped with its own clock. */
interface NodeHealth {
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  heartbeat: string | undefined;
  transition: string | undefined;
  leaseRenewTime: string | undefined;
  /** The Ready condition as of the last pass (for the pod pass). */
  ready: string | undefined;
}

export class NodeLifecycleController implements Component {
  readonly name = NODE_LIFECYCLE_CONTROLLER;
  private cluster!: Cluster;
  private readonly health = new Map<string, NodeHealth>();
  private readonly known = new Map<string, string>();
  private readonly zoneStates = new Map<string, ZoneState>();
  private readonly tainters = new Map<string, TaintQueue>();
  private readonly nodesToRetry = new Set<string>();
  private passTimer: TimerHandle | undefined;

  start(cluster: Cluster): void {
    this.cluster = cluster;
    indexPodsByNode(cluster.store);
    // The cluster's own nodes were registered when it was created.
    for (const n of cluster.store.each("Node")) this.known.set(n.metadata.name!, n.metadata.uid ?? "");
    cluster.api.watch("Node", (e) => {
      if (e.type === "DELETED") return;
      const name = e.object.metadata.name!;
      this.react(() => this.noSchedulePass(name), `taint node ${name}`);
    });
    cluster.api.watch("Pod", (e) => {
      const pod = e.object as Pod;
      const old = e.old as Pod | undefined;
      if (e.type === "DELETED" || !pod.spec?.nodeName || old?.spec?.nodeName === pod.spec.nodeName) return;
      const ns = pod.metadata?.namespace ?? "default";
      const name = pod.metadata?.name ?? "";
      this.react(() => this.processPod(ns, name), `pod ${ns}/${name}`);
    });
    for (const n of cluster.store.each("Node")) {
      const name = n.metadata.name!;
      this.react(() => this.noSchedulePass(name), `taint node ${name}`);
    }
    this.scheduleMonitor();
  }

  /** Informer delivery: the controller acts a reaction delay after the change. */
  private react(fn: () => void, what: string): void {
    this.cluster.clock.after(this.cluster.timing("controllerReaction"), fn, `${NODE_LIFECYCLE_CONTROLLER} ${what}`);
  }

  private scheduleMonitor(): void {
    this.cluster.clock.after(nodeControllerTiming(this.cluster, "nodeMonitorPeriod"), () => {
      this.scheduleMonitor();
      this.monitorNodeHealth();
    }, `${NODE_LIFECYCLE_CONTROLLER} monitor`);
  }

  // ---- monitorNodeHealth --------------------------------------------------------------------

  /** One pass over every node. */
  monitorNodeHealth(): void {
    const nodes = this.cluster.store.list("Node") as (Node & KObject)[];
    const seen = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata.name!;
      seen.add(name);
      if (!this.known.has(name)) {
        this.known.set(name, node.metadata.uid ?? "");
        this.nodeEvent(name, node.metadata.uid ?? "", "RegisteredNode", `Node ${name} event: Registered Node ${name} in Controller`);
        this.markNodeAsReachable(node);
      }
      this.tainter(zoneKey(node));
    }
    for (const [name, uid] of [...this.known]) {
      if (seen.has(name)) continue;
      this.known.delete(name);
      this.health.delete(name);
      this.nodesToRetry.delete(name);
      for (const q of this.tainters.values()) q.nodes.delete(name);
      this.nodeEvent(name, uid, "RemovingNode", `Node ${name} event: Removing Node ${name} from Controller`);
    }
    const zoneConditions = new Map<string, (string | undefined)[]>();
    for (const node of nodes) {
      const { observed, current } = this.tryUpdateNodeHealth(node);
      const updated = (this.cluster.store.get("Node", undefined, node.metadata.name!) as (Node & KObject) | undefined) ?? node;
      if (!(EXCLUDE_DISRUPTION in (updated.metadata.labels ?? {}))) {
        const zone = zoneKey(updated);
        const list = zoneConditions.get(zone);
        if (list) list.push(current?.status);
        else zoneConditions.set(zone, [current?.status]);
      }
      if (!current) continue;
      this.processTaintBaseEviction(updated, observed.status);
      const name = node.metadata.name!;
      const needsRetry = this.nodesToRetry.has(name);
      if (current.status !== "True" && observed.status === "True") {
        this.nodeEvent(name, node.metadata.uid ?? "", "NodeNotReady", `Node ${name} status is now: NodeNotReady`);
        this.markPodsNotReady(name);
      } else if (needsRetry && observed.status !== "True") {
        this.markPodsNotReady(name);
      }
      this.nodesToRetry.delete(name);
    }
    this.handleDisruption(zoneConditions, nodes);
    this.schedulePass(EVICTION_PERIOD_MS);
  }

  /** tryUpdateNodeHealth: notes fresh heartbeats; marks a silent node's conditions Unknown. */
  private tryUpdateNodeHealth(node: Node & KObject): { observed: NodeCondition; current: NodeCondition | undefined } {
    const name = node.metadata.name!;
    const now = this.cluster.clock.now;
    const ready = nodeCondition(node, "Ready");
    let grace = nodeControllerTiming(this.cluster, "nodeMonitorGracePeriod");
    const observed: NodeCondition = ready ? { ...ready } : { type: "Ready", status: "Unknown", lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: node.metadata.creationTimestamp };
    if (!ready) grace = nodeControllerTiming(this.cluster, "nodeStartupGracePeriod");
    let h = this.health.get(name);
    if (!h) {
      const created = node.metadata.creationTimestamp ? this.cluster.clock.parseTimestamp(node.metadata.creationTimestamp) : now;
      h = { probeTimestamp: ready ? now : created, readyTransitionTimestamp: ready ? now : created, heartbeat: ready?.lastHeartbeatTime, transition: ready?.lastTransitionTime, leaseRenewTime: undefined, ready: ready?.status };
      this.health.set(name, h);
    } else if (ready && h.heartbeat !== ready.lastHeartbeatTime) {
      if (h.transition !== ready.lastTransitionTime) h.readyTransitionTimestamp = now;
      h.probeTimestamp = now;
      h.heartbeat = ready.lastHeartbeatTime;
      h.transition = ready.lastTransitionTime;
    }
    // A renewed Lease counts as a heartbeat.
    const lease = this.cluster.store.get("Lease", NODE_LEASE_NAMESPACE, name) as (Lease & KObject) | undefined;
    const renew = lease?.spec?.renewTime;
    if (renew && (h.leaseRenewTime === undefined || h.leaseRenewTime < renew)) {
      h.leaseRenewTime = renew;
      h.probeTimestamp = now;
    }
    let current = ready;
    if (now > h.probeTimestamp + grace) {
      const stamp = this.cluster.clock.timestamp();
      const conditions = [...(node.status?.conditions ?? [])].map((c) => ({ ...c }));
      for (const type of ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"]) {
        const c = conditions.find((x) => x.type === type);
        if (!c) {
          conditions.push({ type, status: "Unknown", reason: "NodeStatusNeverUpdated", message: "Kubelet never posted node status.", lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: stamp });
        } else if (c.status !== "Unknown") {
          c.status = "Unknown";
          c.reason = "NodeStatusUnknown";
          c.message = "Kubelet stopped posting node status.";
          c.lastTransitionTime = stamp;
        }
      }
      current = conditions.find((c) => c.type === "Ready");
      if (current && (current.status !== observed.status || current.reason !== observed.reason)) {
        try {
          this.cluster.api.updateStatus({ ...node, status: { ...node.status, conditions } }, { actor: NODE_LIFECYCLE_CONTROLLER });
          h.readyTransitionTimestamp = now;
          h.transition = current.lastTransitionTime;
        } catch {
          current = ready;
        }
      }
    }
    h.ready = current?.status;
    return { observed, current };
  }

  /** processTaintBaseEviction: queue the NoExecute taint for a node that is not Ready, drop both when it is. */
  private processTaintBaseEviction(node: Node & KObject, observed: string): void {
    const name = node.metadata.name!;
    if (observed === "False") {
      if (hasTaint(node, TAINT_UNREACHABLE, "NoExecute")) swapTaints(this.cluster, name, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE], NODE_LIFECYCLE_CONTROLLER);
      else this.markNodeForTainting(node, "False");
    } else if (observed === "Unknown") {
      if (hasTaint(node, TAINT_NOT_READY, "NoExecute")) swapTaints(this.cluster, name, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE], NODE_LIFECYCLE_CONTROLLER);
      else this.markNodeForTainting(node, "Unknown");
    } else if (observed === "True") {
      this.markNodeAsReachable(node);
    }
  }

  private markNodeForTainting(node: Node & KObject, status: "False" | "Unknown"): void {
    const q = this.tainter(zoneKey(node));
    const name = node.metadata.name!;
    const key = status === "False" ? TAINT_NOT_READY : TAINT_UNREACHABLE;
    if (!hasTaint(node, key, "NoExecute")) q.nodes.add(name);
  }

  private markNodeAsReachable(node: Node & KObject): void {
    const name = node.metadata.name!;
    if (hasTaint(node, TAINT_UNREACHABLE, "NoExecute") || hasTaint(node, TAINT_NOT_READY, "NoExecute")) {
      swapTaints(this.cluster, name, [], [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE], NODE_LIFECYCLE_CONTROLLER);
    }
    this.tainter(zoneKey(node)).nodes.delete(name);
  }

  private tainter(zone: string): TaintQueue {
    let q = this.tainters.get(zone);
    if (!q) {
      q = new TaintQueue(nodeControllerTiming(this.cluster, "nodeEvictionRate"), this.cluster.clock.now);
      this.tainters.set(zone, q);
      this.zoneStates.set(zone, "Initial");
    }
    return q;
  }

  // ---- doNoExecuteTaintingPass --------------------------------------------------------------

  private schedulePass(delay: number): void {
    const at = this.cluster.clock.now + delay;
    if (this.passTimer && !this.passTimer.cancelled && this.passTimer.at <= at) return;
    this.passTimer?.cancel();
    this.passTimer = this.cluster.clock.at(at, () => {
      this.passTimer = undefined;
      this.noExecuteTaintingPass();
    }, `${NODE_LIFECYCLE_CONTROLLER} taint pass`);
  }

  /** Adds the queued NoExecute taints the zones' rate limiters allow; re-arms for the rest. */
  noExecuteTaintingPass(): void {
    const now = this.cluster.clock.now;
    let next = Number.POSITIVE_INFINITY;
    for (const q of this.tainters.values()) {
      for (const name of [...q.nodes]) {
        if (!q.limiter.tryAccept(now)) {
          next = Math.min(next, q.limiter.nextAt(now));
          break;
        }
        q.nodes.delete(name);
        const node = this.cluster.store.get("Node", undefined, name) as (Node & KObject) | undefined;
        const ready = node && nodeCondition(node, "Ready");
        if (!node || !ready) continue;
        if (ready.status === "False") swapTaints(this.cluster, name, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE], NODE_LIFECYCLE_CONTROLLER);
        else if (ready.status === "Unknown") swapTaints(this.cluster, name, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE], NODE_LIFECYCLE_CONTROLLER);
      }
    }
    // The passes run every 100 ms; waking only when a token is due gives the same result.
    if (Number.isFinite(next)) this.schedulePass(Math.max(EVICTION_PERIOD_MS, Math.ceil((next - now) / EVICTION_PERIOD_MS) * EVICTION_PERIOD_MS));
  }

  // ---- handleDisruption ---------------------------------------------------------------------

  private computeZoneState(ready: (string | undefined)[]): ZoneState {
    let readyNodes = 0;
    let notReady = 0;
    for (const s of ready) if (s === "True") readyNodes++;
    else notReady++;
    if (readyNodes === 0 && notReady > 0) return "FullDisruption";
    if (notReady > 2 && notReady / (notReady + readyNodes) >= nodeControllerTiming(this.cluster, "unhealthyZoneThreshold")) return "PartialDisruption";
    return "Normal";
  }

  private handleDisruption(zoneConditions: Map<string, (string | undefined)[]>, nodes: (Node & KObject)[]): void {
    const newStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const [zone, conditions] of zoneConditions) {
      const state = this.computeZoneState(conditions);
      if (state !== "FullDisruption") allAreFullyDisrupted = false;
      newStates.set(zone, state);
      if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, "Initial");
    }
    let allWasFullyDisrupted = true;
    for (const [zone, state] of [...this.zoneStates]) {
      if (!zoneConditions.has(zone)) {
        this.zoneStates.delete(zone);
        continue;
      }
      if (state !== "FullDisruption") {
        allWasFullyDisrupted = false;
        break;
      }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return;
    const now = this.cluster.clock.now;
    if (allAreFullyDisrupted) {
      // Every node down: more likely the control plane's network than the nodes. Stop evicting.
      for (const n of nodes) {
        const current = this.cluster.store.get("Node", undefined, n.metadata.name!) as (Node & KObject) | undefined;
        if (current) this.markNodeAsReachable(current);
      }
      for (const zone of this.zoneStates.keys()) {
        this.tainter(zone).swapLimiter(0, now);
        this.zoneStates.set(zone, "FullDisruption");
      }
      return;
    }
    if (allWasFullyDisrupted) {
      for (const h of this.health.values()) {
        h.probeTimestamp = now;
        h.readyTransitionTimestamp = now;
      }
      for (const zone of this.zoneStates.keys()) {
        const state = newStates.get(zone) ?? "Normal";
        this.setLimiterInZone(zone, zoneConditions.get(zone)?.length ?? 0, state);
        this.zoneStates.set(zone, state);
      }
      return;
    }
    for (const [zone, state] of this.zoneStates) {
      const next = newStates.get(zone) ?? state;
      if (next === state) continue;
      this.setLimiterInZone(zone, zoneConditions.get(zone)?.length ?? 0, next);
      this.zoneStates.set(zone, next);
    }
  }

  private setLimiterInZone(zone: string, size: number, state: ZoneState): void {
    const q = this.tainter(zone);
    const now = this.cluster.clock.now;
    const healthy = nodeControllerTiming(this.cluster, "nodeEvictionRate");
    if (state === "Normal" || state === "FullDisruption") q.swapLimiter(healthy, now);
    else if (state === "PartialDisruption") {
      q.swapLimiter(size > nodeControllerTiming(this.cluster, "largeClusterSizeThreshold") ? nodeControllerTiming(this.cluster, "secondaryNodeEvictionRate") : 0, now);
    }
  }

  // ---- pods ---------------------------------------------------------------------------------

  /** A pod was bound to a node: mark it not ready if that node is not Ready. */
  private processPod(namespace: string, name: string): void {
    const pod = this.cluster.store.get("Pod", namespace, name) as (Pod & KObject) | undefined;
    const nodeName = pod?.spec?.nodeName;
    if (!pod || !nodeName) return;
    const h = this.health.get(nodeName);
    if (!h || h.ready === undefined || h.ready === "True") return;
    this.markPodNotReady(pod);
  }

  /** MarkPodsNotReady: every pod on the node gets Ready=False ("Node is not ready"). */
  private markPodsNotReady(nodeName: string): void {
    for (const pod of podsOnNode(this.cluster.store, nodeName) as (Pod & KObject)[]) this.markPodNotReady(pod);
  }

  private markPodNotReady(pod: Pod & KObject): void {
    const conditions = pod.status?.conditions ?? [];
    const ready = conditions.find((c) => c.type === "Ready");
    if (!ready || ready.status === "False") return;
    const updated = conditions.map((c) => (c.type === "Ready" ? { ...c, status: "False", lastTransitionTime: this.cluster.clock.timestamp() } : c));
    try {
      this.cluster.api.updateStatus({ ...pod, status: { ...pod.status, conditions: updated } }, { actor: NODE_LIFECYCLE_CONTROLLER });
    } catch {
      return;
    }
    this.cluster.events.record(pod, "Warning", "NodeNotReady", "Node is not ready", EVENT_SOURCE);
  }

  // ---- NoSchedule taints ----------------------------------------------------------------------

  /** doNoScheduleTaintingPass: the node's condition taints and the unschedulable taint follow its state. */
  noSchedulePass(nodeName: string): void {
    const node = this.cluster.store.get("Node", undefined, nodeName) as (Node & KObject) | undefined;
    if (!node) return;
    const wanted = wantedNoScheduleTaints(node);
    const have = ownedNoScheduleTaints(node);
    const add = wanted.filter((k) => !have.includes(k)).map((key) => ({ key, effect: "NoSchedule" as const }));
    const remove = have.filter((k) => !wanted.includes(k)).map((key) => ({ key, effect: "NoSchedule" as const }));
    if (add.length === 0 && remove.length === 0) return;
    swapTaints(this.cluster, nodeName, add, remove, NODE_LIFECYCLE_CONTROLLER);
  }

  /** RecordNodeEvent / RecordNodeStatusChange: events about a node, in the default namespace. */
  private nodeEvent(name: string, uid: string, reason: string, message: string): void {
    this.cluster.events.record({ apiVersion: "v1", kind: "Node", metadata: { name, uid } }, "Normal", reason, message, EVENT_SOURCE);
  }
}
