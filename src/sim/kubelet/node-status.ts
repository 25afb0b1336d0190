/**
 * NodeStatusManager: the kubelet's node heartbeats (kubelet_node_status.go, pkg/kubelet/nodestatus,
 * pkg/kubelet/nodelease). One timer per node, every nodeStatusUpdateFrequency (10 s):
 *
 * - the node Lease in kube-node-lease is renewed (holderIdentity, leaseDurationSeconds 40, renewTime);
 * - the node status is computed — the MemoryPressure, DiskPressure, PIDPressure and Ready conditions,
 *   the image list, nodeInfo.bootID — and posted only when it changed or when nodeStatusReportFrequency
 *   (5 min) has passed since the last post, each condition's lastHeartbeatTime stamped at the post.
 *
 * Condition changes are announced as the kubelet's setters do ("Node node-1 status is now:
 * NodeReady"); a kubelet that (re)starts says "Starting kubelet." first, and "Rebooted" when the
 * boot id changed. Nodes of the cluster as it is handed over start silently: their start-up belongs
 * to the cluster's creation, before the session.
 */
import type { Lease } from "kubernetes-types/coordination/v1";
import type { Node, NodeCondition } from "kubernetes-types/core/v1";
import type { TimerHandle } from "../clock";
import type { KObject } from "../api/types";
import type { KubeletContext } from "./context";
import { kubeletTiming } from "./timings";

/** nodeStatusMaxImages. */
const MAX_IMAGES = 50;

/** The namespace node Leases live in. */
export const NODE_LEASE_NAMESPACE = "kube-node-lease";

/** The pressure conditions the kubelet's eviction manager reports, and the events of their transitions. */
const PRESSURE = [
  { type: "MemoryPressure", on: ["KubeletHasInsufficientMemory", "kubelet has insufficient memory available", "NodeHasInsufficientMemory"], off: ["KubeletHasSufficientMemory", "kubelet has sufficient memory available", "NodeHasSufficientMemory"] },
  { type: "DiskPressure", on: ["KubeletHasDiskPressure", "kubelet has disk pressure", "NodeHasDiskPressure"], off: ["KubeletHasNoDiskPressure", "kubelet has no disk pressure", "NodeHasNoDiskPressure"] },
  { type: "PIDPressure", on: ["KubeletHasInsufficientPID", "kubelet has insufficient PID available", "NodeHasInsufficientPID"], off: ["KubeletHasSufficientPID", "kubelet has sufficient PID available", "NodeHasSufficientPID"] },
] as const;

/** A node pressure condition a fault may force. */
export type PressureType = (typeof PRESSURE)[number]["type"];

export class NodeStatusManager {
  private timer: TimerHandle | undefined;
  private imagesDirty = false;
  /** Virtual ms of the last status post. */
  private lastReport = Number.NEGATIVE_INFINITY;
  /** Set when the kubelet starts on a fresh boot: the next post carries the new bootID. */
  private bootID: string | undefined;
  /** False until the first post of a silent start is done: its events belong to the cluster's creation. */
  private announce = false;
  /** spec.unschedulable as last seen, for the NodeSchedulable / NodeNotSchedulable events. */
  private unschedulable: boolean | undefined;
  /** Pressure conditions forced true (`podlab node pressure`). */
  readonly pressure = new Set<PressureType>();

  constructor(private readonly ctx: KubeletContext) {}

  /**
   * Starts the heartbeats: the Lease and the status right away, then every update period.
   * `announce` records the kubelet's start-up events; `bootID` is set after a reboot.
   */
  start(opts: { announce: boolean; bootID?: string }): void {
    this.stop();
    this.announce = opts.announce;
    this.bootID = opts.bootID;
    this.lastReport = Number.NEGATIVE_INFINITY;
    this.unschedulable = undefined;
    if (opts.announce) {
      this.nodeEvent("Normal", "Starting", "Starting kubelet.");
      this.nodeEvent("Normal", "NodeAllocatableEnforced", "Updated Node Allocatable limit across pods");
    }
    this.beat();
  }

  /** Stops the heartbeats (the kubelet stopped, or the node is gone). */
  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** The image cache changed: report it at the next status update. */
  markImagesDirty(): void {
    this.imagesDirty = true;
  }

  /** A forced condition changed: post at once. */
  statusChanged(): void {
    if (this.timer) this.syncNodeStatus();
  }

  private beat(): void {
    const period = kubeletTiming(this.ctx.cluster, "nodeStatusUpdateFrequency");
    this.timer = this.ctx.cluster.clock.after(period, () => this.beat(), `node heartbeat ${this.ctx.nodeName}`);
    // A partitioned kubelet keeps trying; its requests just never arrive.
    if (!this.ctx.connected) return;
    this.renewLease();
    this.syncNodeStatus();
  }

  /** Creates the node's Lease, or renews it. */
  renewLease(): void {
    const { cluster, nodeName, actor } = this.ctx;
    const api = cluster.api;
    const renewTime = cluster.clock.microTimestamp();
    const current = api.tryGet<Lease & KObject>("Lease", NODE_LEASE_NAMESPACE, nodeName);
    try {
      if (current) {
        api.update({ ...current, spec: { ...current.spec, holderIdentity: nodeName, leaseDurationSeconds: kubeletTiming(cluster, "nodeLeaseDurationSeconds"), renewTime } }, { actor });
        return;
      }
      const node = api.tryGet<Node & KObject>("Node", undefined, nodeName);
      const lease: KObject = {
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata: {
          name: nodeName,
          namespace: NODE_LEASE_NAMESPACE,
          ...(node ? { ownerReferences: [{ apiVersion: "v1", kind: "Node", name: nodeName, uid: node.metadata.uid! }] } : {}),
        },
        spec: { holderIdentity: nodeName, leaseDurationSeconds: kubeletTiming(cluster, "nodeLeaseDurationSeconds"), renewTime },
      };
      api.create(lease, { actor });
    } catch {
      // No kube-node-lease namespace (a bare test cluster), or the node is going away.
    }
  }

  /** tryUpdateNodeStatus: computes the status and posts it when it changed or is due. */
  syncNodeStatus(): void {
    const { cluster, nodeName } = this.ctx;
    const node = cluster.api.tryGet<Node & KObject>("Node", undefined, nodeName);
    if (!node) return;
    const now = cluster.clock.timestamp();
    const old = node.status?.conditions ?? [];
    const events: [string, string][] = [];
    const conditions: NodeCondition[] = [];
    const condition = (type: string, status: "True" | "False", reason: string, message: string, event: string) => {
      const prev = old.find((c) => c.type === type);
      const changed = prev?.status !== status;
      if (changed) events.push([type, event]);
      conditions.push({ type, status, lastHeartbeatTime: now, lastTransitionTime: changed || !prev?.lastTransitionTime ? now : prev.lastTransitionTime, reason, message });
    };
    for (const p of PRESSURE) {
      const on = this.pressure.has(p.type);
      const [reason, message, event] = on ? p.on : p.off;
      condition(p.type, on ? "True" : "False", reason, message, event);
    }
    condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", "NodeReady");
    // Conditions others own (NetworkUnavailable) stay as they are.
    const others = old.filter((c) => !conditions.some((x) => x.type === c.type));
    const status: NonNullable<Node["status"]> = { ...node.status, conditions: [...others, ...conditions] };
    let changed = events.length > 0;
    if (this.imagesDirty) {
      status.images = this.images();
      this.imagesDirty = false;
      changed ||= JSON.stringify(status.images) !== JSON.stringify(node.status?.images ?? []);
    }
    const rebooted = this.bootID !== undefined && node.status?.nodeInfo?.bootID !== this.bootID;
    if (rebooted) {
      status.nodeInfo = { ...status.nodeInfo!, bootID: this.bootID! };
      changed = true;
    }
    const unschedulable = !!node.spec?.unschedulable;
    if (this.unschedulable !== undefined && this.unschedulable !== unschedulable && this.announce) {
      const event = unschedulable ? "NodeNotSchedulable" : "NodeSchedulable";
      this.nodeEvent("Normal", event, `Node ${nodeName} status is now: ${event}`);
    }
    this.unschedulable = unschedulable;
    const period = kubeletTiming(cluster, "nodeStatusReportFrequency");
    if (!changed && cluster.clock.now - this.lastReport < period) {
      this.announce = true;
      return;
    }
    try {
      cluster.api.updateStatus({ ...node, status }, { actor: this.ctx.actor });
    } catch {
      return;
    }
    this.lastReport = cluster.clock.now;
    if (!this.announce) {
      this.announce = true;
      return;
    }
    if (rebooted) this.nodeEvent("Warning", "Rebooted", `Node ${nodeName} has been rebooted, boot id: ${this.bootID}`);
    for (const [, event] of events) this.nodeEvent("Normal", event, `Node ${nodeName} status is now: ${event}`);
  }

  /** Writes node.status.images from the runtime at once. */
  updateImages(): void {
    this.imagesDirty = true;
    this.syncNodeStatus();
  }

  private images(): { names: string[]; sizeBytes: number }[] {
    return this.ctx.runtime
      .listImages()
      .slice()
      .sort((a, b) => b.sizeBytes - a.sizeBytes)
      .slice(0, MAX_IMAGES)
      .map((i) => ({ names: [...i.names], sizeBytes: i.sizeBytes }));
  }

  /** The kubelet's events about its node go to a reference whose uid is the node's name, as its nodeRef has. */
  private nodeEvent(type: "Normal" | "Warning", reason: string, message: string): void {
    if (!this.ctx.connected) return;
    const name = this.ctx.nodeName;
    this.ctx.cluster.events.record({ apiVersion: "v1", kind: "Node", metadata: { name, uid: name } }, type, reason, message, { component: "kubelet", host: name });
  }
}
