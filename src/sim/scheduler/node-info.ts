/**
 * NodeInfo is one node as the scheduler sees it (framework.NodeInfo): the Node, its allocatable
 * resources, and — kept incrementally as pods are added and removed — what its pods request, the host
 * ports they hold and which of them carry inter-pod affinity. Filters and scores read only this.
 */
import type { Node, Taint } from "kubernetes-types/core/v1";
import type { KObject } from "../api/types";
import type { HostPort, PodInfo } from "./pod-info";
import * as R from "./node-rows";
import { NodeRows } from "./node-rows";
import { Resources } from "./resources";

const HOSTNAME_LABEL = "kubernetes.io/hostname";
const ZONE_LABEL = "topology.kubernetes.io/zone";

/** A Node as stored: the kubernetes-types shape plus the API object fields. */
export type NodeObject = Node & KObject;

/** One node with the aggregates of the pods on it. */
export class NodeInfo {
  /**
   * Where the hot numbers are copied (NodeRows): the cache's shared rows, or rows of the node's own.
   * First among the fields, so that reaching the row touches only the object's first cache line.
   */
  readonly rows: NodeRows;
  row: number;
  /**
   * The two topology labels PodTopologySpread's default constraints read on every node it scores
   * (kubernetes.io/hostname, topology.kubernetes.io/zone), kept beside the row so that reading them
   * does not reach the labels object, cold in cache on a large cluster. label(key) returns them.
   */
  private hostnameLabel: string | undefined = undefined;
  private zoneLabel: string | undefined = undefined;
  node: NodeObject | undefined;
  name: string;
  labels: Record<string, string> = {};
  // WARNING: the fields below to nonZeroMemory, and podCount, are copied into the row, which the
  // Filter and Score hot paths read instead: change them only through setNode, addPod and removePod.
  taints: readonly Taint[] = [];
  unschedulable = false;
  allocatable = new Resources();
  requested = new Resources();
  nonZeroCPU = 0;
  nonZeroMemory = 0;
  /** The pods on the node, by "namespace/name", in the order they were added. */
  readonly pods = new Map<string, PodInfo>();
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** "ip/protocol/port" → count; "0.0.0.0" stands for every address. */
  readonly usedPorts = new Map<string, number>();
  /** Bumped on every change, for the decision record and tests. */
  generation = 0;
  /** The node's place in the scheduler's node list, kept by the cache. */
  index = -1;
  /**
   * Pods matching a selector, by "namespace\0selector key": PodTopologySpread's per-node counts,
   * remembered until the node's pods change (most nodes do not change between two cycles).
   */
  readonly matchCounts = new Map<string, number>();

  constructor(name: string, node?: NodeObject, rows?: NodeRows) {
    this.rows = rows ?? new NodeRows();
    this.row = this.rows.take();
    this.name = name;
    if (node) this.setNode(node);
  }

  setNode(node: NodeObject): void {
    this.node = node;
    this.labels = node.metadata.labels ?? {};
    this.hostnameLabel = this.labels[HOSTNAME_LABEL];
    this.zoneLabel = this.labels[ZONE_LABEL];
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = !!node.spec?.unschedulable;
    this.allocatable = Resources.fromList(node.status?.allocatable);
    this.generation++;
    this.writeRow();
  }

  /** The value of one of the node's labels, undefined when it has none. */
  label(key: string): string | undefined {
    return key === HOSTNAME_LABEL ? this.hostnameLabel : key === ZONE_LABEL ? this.zoneLabel : this.labels[key];
  }

  /** How many pods the node holds (kept as a field: the Filter hot path reads it for every node). */
  podCount = 0;

  addPod(p: PodInfo): void {
    this.pods.set(p.key, p);
    this.podCount = this.pods.size;
    if (p.hasAffinity) this.podsWithAffinity.push(p);
    if (p.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.push(p);
    this.account(p, 1);
  }

  /** Removes a pod by key; returns the PodInfo removed. */
  removePod(key: string): PodInfo | undefined {
    const p = this.pods.get(key);
    if (!p) return undefined;
    this.pods.delete(key);
    this.podCount = this.pods.size;
    if (p.hasAffinity) this.podsWithAffinity = this.podsWithAffinity.filter((x) => x.key !== key);
    if (p.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.filter((x) => x.key !== key);
    this.account(p, -1);
    return p;
  }

  private account(p: PodInfo, sign: number): void {
    this.requested.add(p.requests, sign);
    this.nonZeroCPU += sign * p.nonZeroCPU;
    this.nonZeroMemory += sign * p.nonZeroMemory;
    for (const hp of p.hostPorts) {
      const k = portKey(hp);
      const n = (this.usedPorts.get(k) ?? 0) + sign;
      if (n <= 0) this.usedPorts.delete(k);
      else this.usedPorts.set(k, n);
    }
    this.writeRow();
    this.podsChanged();
  }

  /** One of the node's hot numbers, by its NodeRows column, read from the row. */
  fromRow(column: number): number {
    return this.rows.data[this.row * R.ROW + column];
  }

  /** Copies the fields the hot paths read into the node's row (NodeRows). */
  private writeRow(): void {
    const d = this.rows.data;
    const o = this.row * R.ROW;
    d[o + R.POD_COUNT] = this.podCount;
    d[o + R.ALLOWED_POD_NUMBER] = this.allocatable.allowedPodNumber;
    d[o + R.ALLOC_MILLI_CPU] = this.allocatable.milliCPU;
    d[o + R.ALLOC_MEMORY] = this.allocatable.memory;
    d[o + R.ALLOC_EPHEMERAL_STORAGE] = this.allocatable.ephemeralStorage;
    d[o + R.REQ_MILLI_CPU] = this.requested.milliCPU;
    d[o + R.REQ_MEMORY] = this.requested.memory;
    d[o + R.REQ_EPHEMERAL_STORAGE] = this.requested.ephemeralStorage;
    d[o + R.NON_ZERO_CPU] = this.nonZeroCPU;
    d[o + R.NON_ZERO_MEMORY] = this.nonZeroMemory;
    d[o + R.TAINT_COUNT] = this.taints.length;
    d[o + R.UNSCHEDULABLE] = this.unschedulable ? 1 : 0;
  }

  /** A pod came, went or changed in place (a deletion mark): what was derived from the pods is stale. */
  podsChanged(): void {
    this.generation++;
    if (this.matchCounts.size > 0) this.matchCounts.clear();
  }

  /** True when the host port is taken (HostPortInfo.CheckConflict): 0.0.0.0 conflicts with every address. */
  portConflicts(hp: HostPort): boolean {
    if (this.usedPorts.size === 0) return false;
    const suffix = `/${hp.protocol}/${hp.port}`;
    if (hp.ip === "0.0.0.0") {
      for (const k of this.usedPorts.keys()) if (k.endsWith(suffix) && k.slice(0, k.length - suffix.length).indexOf("/") < 0) return true;
      return false;
    }
    return this.usedPorts.has(`0.0.0.0${suffix}`) || this.usedPorts.has(`${hp.ip}${suffix}`);
  }

  /** A copy whose pods can be added and removed without touching this one (preemption's dry run). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.node = this.node;
    c.labels = this.labels;
    c.hostnameLabel = this.hostnameLabel;
    c.zoneLabel = this.zoneLabel;
    c.taints = this.taints;
    c.unschedulable = this.unschedulable;
    c.allocatable = this.allocatable;
    c.requested = this.requested.clone();
    c.nonZeroCPU = this.nonZeroCPU;
    c.nonZeroMemory = this.nonZeroMemory;
    for (const [k, p] of this.pods) c.pods.set(k, p);
    c.podCount = this.podCount;
    c.podsWithAffinity = [...this.podsWithAffinity];
    c.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity];
    for (const [k, n] of this.usedPorts) c.usedPorts.set(k, n);
    c.generation = this.generation;
    c.index = this.index;
    c.writeRow();
    return c;
  }
}

function portKey(hp: HostPort): string {
  return `${hp.ip}/${hp.protocol}/${hp.port}`;
}
