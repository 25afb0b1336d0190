/**
 * The scheduler's cache (pkg/scheduler/backend/cache): a NodeInfo per node, kept incrementally from
 * node and pod watches — a bound pod adds its requests, ports and affinity to its node, a deleted or
 * finished pod takes them away — so a scheduling cycle never walks every pod. The node list is
 * ordered as Kubernetes' node tree orders it: zones interleaved, nodes in the order they joined.
 */
import { NodeInfo, type NodeObject } from "./node-info";
import { NodeRows } from "./node-rows";
import { newPodInfo, type PodInfo, type PodObject } from "./pod-info";
import { SpreadCounts } from "./spread-counts";

/** The zone key of a node: region and zone labels, as utilnode.GetZoneKey builds it. */
export function zoneKeyOf(labels: Record<string, string>): string {
  const region = labels["topology.kubernetes.io/region"] ?? labels["failure-domain.beta.kubernetes.io/region"] ?? "";
  const zone = labels["topology.kubernetes.io/zone"] ?? labels["failure-domain.beta.kubernetes.io/zone"] ?? "";
  return region === "" && zone === "" ? "" : `${region}:\u0000:${zone}`;
}

/** The cache: NodeInfos by node, which node each counted pod is on, and the node list in scheduling order. */
export class SchedulerCache {
  /** Every NodeInfo, including placeholders for nodes that pods are bound to but that do not exist (yet). */
  private readonly infos = new Map<string, NodeInfo>();
  /** The hot numbers of every NodeInfo above, laid out in node-list order when the list is rebuilt. */
  private readonly rows = new NodeRows(64);
  /** Zone key → node names in join order (the node tree). */
  private readonly zones = new Map<string, string[]>();
  private readonly zoneOf = new Map<string, string>();
  /** Pod key → node name, for every pod the cache counts. */
  private readonly podNode = new Map<string, string>();
  private list: NodeInfo[] = [];
  private listDirty = false;
  /** Nodes holding at least one pod with required anti-affinity, and with any affinity. */
  readonly nodesWithRequiredAntiAffinity = new Set<NodeInfo>();
  readonly nodesWithAffinity = new Set<NodeInfo>();
  /** Matching pods per topology domain, for PodTopologySpread. */
  readonly spreadCounts = new SpreadCounts(() => this.nodeList(), true);

  constructor(private readonly priorityOf: (className: string | undefined) => number) {}

  // ---- nodes --------------------------------------------------------------------------------

  /** Adds or replaces a node. */
  upsertNode(node: NodeObject): NodeInfo {
    const name = node.metadata.name!;
    let info = this.infos.get(name);
    if (!info) this.infos.set(name, (info = new NodeInfo(name, undefined, this.rows)));
    const wasListed = info.node !== undefined;
    const oldLabels = info.labels;
    info.setNode(node);
    if (!wasListed || !sameLabels(oldLabels, info.labels)) this.spreadCounts.reset();
    const zone = zoneKeyOf(info.labels);
    if (!wasListed) {
      this.addToZone(name, zone);
    } else if (this.zoneOf.get(name) !== zone) {
      this.removeFromZone(name);
      this.addToZone(name, zone);
    }
    return info;
  }

  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info) return;
    this.removeFromZone(name);
    info.node = undefined;
    this.spreadCounts.reset();
    // Pods bound to a deleted node stay counted until they go (as the real cache keeps a ghost node).
    if (info.podCount === 0) this.forgetInfo(info);
  }

  private forgetInfo(info: NodeInfo): void {
    this.infos.delete(info.name);
    this.rows.release(info.row);
    this.nodesWithAffinity.delete(info);
    this.nodesWithRequiredAntiAffinity.delete(info);
  }

  private addToZone(name: string, zone: string): void {
    let names = this.zones.get(zone);
    if (!names) this.zones.set(zone, (names = []));
    names.push(name);
    this.zoneOf.set(name, zone);
    this.listDirty = true;
  }

  private removeFromZone(name: string): void {
    const zone = this.zoneOf.get(name);
    if (zone === undefined) return;
    const names = this.zones.get(zone)!;
    names.splice(names.indexOf(name), 1);
    if (names.length === 0) this.zones.delete(zone);
    this.zoneOf.delete(name);
    this.listDirty = true;
  }

  /**
   * The nodes in scheduling order. The array is replaced, never mutated, when nodes come and go, so a
   * decision record may keep the one its cycle used.
   */
  nodeList(): readonly NodeInfo[] {
    if (this.listDirty) this.rebuildList();
    return this.list;
  }

  private rebuildList(): void {
    const zones = [...this.zones.values()];
    const out: NodeInfo[] = [];
    for (let i = 0; ; i++) {
      let any = false;
      for (const names of zones) {
        if (i >= names.length) continue;
        any = true;
        const info = this.infos.get(names[i])!;
        info.index = out.length;
        out.push(info);
      }
      if (!any) break;
    }
    this.list = out;
    this.listDirty = false;
    // Listed nodes first, in list order; then the NodeInfos of pods on nodes that are gone or not yet seen.
    const holders: NodeInfo[] = [...out];
    for (const info of this.infos.values()) if (info.index < 0 || out[info.index] !== info) holders.push(info);
    this.rows.layout(holders);
  }

  node(name: string): NodeInfo | undefined {
    const info = this.infos.get(name);
    return info?.node ? info : undefined;
  }

  get nodeCount(): number {
    return this.zoneOf.size;
  }

  // ---- pods ---------------------------------------------------------------------------------

  /** Counts a bound pod on its node, or moves/refreshes it. Returns the PodInfo now cached. */
  upsertPod(pod: PodObject, reuse?: PodInfo): PodInfo {
    const info = reuse ?? newPodInfo(pod, this.priorityOf);
    const nodeName = pod.spec!.nodeName!;
    const prev = this.podNode.get(info.key);
    if (prev !== undefined) this.removePod(info.key);
    let node = this.infos.get(nodeName);
    if (!node) this.infos.set(nodeName, (node = new NodeInfo(nodeName, undefined, this.rows)));
    node.addPod(info);
    this.spreadCounts.podCounted(info, 1);
    this.spreadCounts.podChanged(node, info, 1);
    this.podNode.set(info.key, nodeName);
    if (info.hasAffinity) this.nodesWithAffinity.add(node);
    if (info.requiredAntiAffinityTerms.length > 0) this.nodesWithRequiredAntiAffinity.add(node);
    return info;
  }

  /** Stops counting a pod. Returns the node it was on. */
  removePod(key: string): NodeInfo | undefined {
    const nodeName = this.podNode.get(key);
    if (nodeName === undefined) return undefined;
    this.podNode.delete(key);
    const node = this.infos.get(nodeName);
    if (!node) return undefined;
    const removed = node.removePod(key);
    if (removed) {
      this.spreadCounts.podCounted(removed, -1);
      this.spreadCounts.podChanged(node, removed, -1);
    }
    if (node.podsWithAffinity.length === 0) this.nodesWithAffinity.delete(node);
    if (node.podsWithRequiredAntiAffinity.length === 0) this.nodesWithRequiredAntiAffinity.delete(node);
    if (!node.node && node.podCount === 0) this.forgetInfo(node);
    return node;
  }

  /**
   * Refreshes a counted pod whose spec and labels did not change (a status write, a deletion mark):
   * requests and ports stay, but a pod marked for deletion no longer counts towards spreading.
   */
  refreshPod(info: PodInfo, pod: PodObject): void {
    const node = this.infos.get(this.podNode.get(info.key) ?? "");
    const marked = !info.pod.metadata.deletionTimestamp && !!pod.metadata.deletionTimestamp;
    if (node && marked) this.spreadCounts.podChanged(node, info, -1);
    info.pod = pod;
    if (node && marked) node.podsChanged();
  }

  /** The cached PodInfo of an assigned pod. */
  podInfo(key: string): PodInfo | undefined {
    const nodeName = this.podNode.get(key);
    return nodeName === undefined ? undefined : this.infos.get(nodeName)?.pods.get(key);
  }

  hasPod(key: string): boolean {
    return this.podNode.has(key);
  }

  /** Nodes (in list order) that hold pods with required anti-affinity. */
  havePodsWithRequiredAntiAffinity(): NodeInfo[] {
    return this.inListOrder(this.nodesWithRequiredAntiAffinity);
  }

  /** Nodes (in list order) that hold pods with any inter-pod affinity. */
  havePodsWithAffinity(): NodeInfo[] {
    return this.inListOrder(this.nodesWithAffinity);
  }

  private inListOrder(set: Set<NodeInfo>): NodeInfo[] {
    if (set.size === 0) return [];
    this.nodeList();
    return [...set].filter((n) => n.node !== undefined).sort((a, b) => a.index - b.index);
  }
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}
