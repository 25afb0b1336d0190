/**
 * KubeProxy is kube-proxy in iptables mode on every node, as one virtual router over the pod network:
 * a connection to a Service's ClusterIP:port (from inside the cluster), to any node's address on a
 * nodePort, or to a load-balancer ingress IP or externalIP, is DNAT'ed to one endpoint picked
 * uniformly at random (iptables' `statistic --mode random`), sticky per client IP for
 * sessionAffinity ClientIP. With no usable endpoint the connection is rejected (connection refused),
 * or dropped (timed out) where a Local traffic policy finds no endpoint on the node.
 *
 * Rules are reprogrammed after watch delivery and at most once per minSyncPeriod (1 s), as
 * kube-proxy's bounded-frequency runner does, so a just-ready pod can miss a request or two. Each
 * routed connection is traced (component "kube-proxy", action "route").
 */
import type { Cluster, Component } from "../../cluster";
import type { TimerHandle } from "../../clock";
import { ensureSliceIndex } from "../../controllers/endpoints/slice-index";
import { podNetwork, type VirtualRouter } from "../fabric";
import type { NetNamespace } from "../netns";
import type { ConnectError } from "../types";
import type { KObject } from "../../api/types";
import { ServiceTable, type ProxyEndpoint, type ServicePortEntry } from "./service-table";

export const KUBE_PROXY = "kube-proxy";

/** Where a connection entered the Service: its virtual IP, a node port, or an external address. */
export type RouteVia = "ClusterIP" | "NodePort" | "LoadBalancer";

export class KubeProxy implements Component {
  readonly name = KUBE_PROXY;
  private cluster!: Cluster;
  private table!: ServiceTable;
  private readonly dirty = new Set<string>();
  private syncTimer: TimerHandle | undefined;
  private lastSync = Number.NEGATIVE_INFINITY;
  private readonly nodeByIP = new Map<string, string>();
  /** "service-port id|client ip" → the endpoint it sticks to and when it was last used. */
  private readonly affinity = new Map<string, { ip: string; port: number; at: number }>();

  start(cluster: Cluster): void {
    this.cluster = cluster;
    ensureSliceIndex(cluster.store);
    this.table = new ServiceTable(cluster.store);
    cluster.api.watch("Service", (e) => this.markDirty(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    cluster.api.watch("EndpointSlice", (e) => {
      const svc = ServiceTable.serviceOfSlice(e.object) ?? (e.old && ServiceTable.serviceOfSlice(e.old));
      if (svc) this.markDirty(svc);
    });
    cluster.api.watch("Node", (e) => {
      // Heartbeats rewrite every node's status often; only an address change matters here.
      if (e.old) this.unindexNode(e.old);
      if (e.type !== "DELETED") this.indexNode(e.object);
    });
    for (const n of cluster.store.each("Node")) this.indexNode(n);
    for (const svc of cluster.store.each("Service")) this.dirty.add(`${svc.metadata.namespace}/${svc.metadata.name}`);
    this.sync();
    podNetwork(cluster).registerRouter(this.route);
  }

  /** Applies every pending change now (tests, and kubectl commands that must see fresh rules). */
  sync(): void {
    this.syncTimer?.cancel();
    this.syncTimer = undefined;
    this.lastSync = this.cluster.clock.now;
    for (const key of this.dirty) {
      const i = key.indexOf("/");
      this.table.rebuild(key.slice(0, i), key.slice(i + 1));
    }
    this.dirty.clear();
  }

  /** The programmed entry for a ClusterIP:port, for inspection. */
  entryFor(clusterIP: string, port: number, protocol = "TCP"): ServicePortEntry | undefined {
    return this.table.byClusterIP.get(`${clusterIP}/${protocol}/${port}`);
  }

  private markDirty(key: string): void {
    this.dirty.add(key);
    if (this.syncTimer) return;
    const { clock } = this.cluster;
    const earliest = this.lastSync + this.cluster.timing("kubeProxyMinSyncPeriod");
    const at = Math.max(clock.now + this.cluster.timing("kubeProxyWatchDelay"), earliest);
    this.syncTimer = clock.at(at, () => this.sync(), "kube-proxy sync");
  }

  private indexNode(node: KObject): void {
    for (const a of node.status?.addresses ?? []) if (a.type === "InternalIP") this.nodeByIP.set(a.address, node.metadata.name!);
  }

  private unindexNode(node: KObject): void {
    for (const a of node.status?.addresses ?? []) {
      if (a.type === "InternalIP" && this.nodeByIP.get(a.address) === node.metadata.name) this.nodeByIP.delete(a.address);
    }
  }

  private readonly route: VirtualRouter = (ip, port, protocol, from) => {
    const t = this.table;
    const internal = t.byClusterIP.get(`${ip}/${protocol}/${port}`);
    // Service virtual IPs exist only inside the cluster's nodes: from outside they lead nowhere.
    if (internal) return from ? this.pick(internal, from, "ClusterIP", from.nodeName) : undefined;
    const node = this.nodeByIP.get(ip);
    if (node !== undefined) {
      const np = t.byNodePort.get(`${protocol}/${port}`);
      return np ? this.pick(np, from, "NodePort", node) : undefined;
    }
    const ext = t.byExternalIP.get(`${ip}/${protocol}/${port}`);
    if (ext) return this.pick(ext, from, ext.type === "LoadBalancer" ? "LoadBalancer" : "NodePort", from?.nodeName);
    // The address leads to a node, which has nothing on that port.
    if (t.externalAddresses.has(ip)) return { error: "refused" };
    return undefined;
  };

  private pick(entry: ServicePortEntry, from: NetNamespace | undefined, via: RouteVia, node: string | undefined): { ip: string; port: number } | { error: ConnectError } {
    const fromPod = from?.kind === "pod";
    let candidates: ProxyEndpoint[];
    let receiving = node;
    if (via === "ClusterIP") {
      candidates = entry.internalTrafficPolicy === "Local" ? usable(entry.endpoints.filter((e) => e.nodeName === node)) : usable(entry.endpoints);
      if (candidates.length === 0) return { error: entry.internalTrafficPolicy === "Local" ? "timeout" : "refused" };
    } else if (entry.externalTrafficPolicy === "Local" && !fromPod) {
      const all = usable(entry.endpoints);
      // A load balancer only sends to nodes that have a local endpoint (its health check says so).
      if (via === "LoadBalancer" && receiving === undefined) receiving = all[0]?.nodeName;
      candidates = all.filter((e) => e.nodeName === receiving);
      if (candidates.length === 0) return { error: all.length === 0 ? "refused" : "timeout" };
    } else {
      candidates = usable(entry.endpoints);
      if (candidates.length === 0) return { error: "refused" };
    }
    const client = from?.ip ?? "172.18.0.1";
    const chosen = this.choose(entry, candidates, client);
    if (this.cluster.trace.active) {
      const [ns, name] = entry.service.split("/");
      this.cluster.trace.emit({
        time: this.cluster.clock.now,
        component: KUBE_PROXY,
        node: receiving ?? chosen.nodeName,
        action: "route",
        object: { kind: "Service", namespace: ns, name },
        detail: { from: client, service: entry.service, port: entry.port, via, to: chosen.pod, endpoint: `${chosen.ip}:${chosen.port}` },
      });
    }
    return { ip: chosen.ip, port: chosen.port };
  }

  private choose(entry: ServicePortEntry, candidates: ProxyEndpoint[], client: string): ProxyEndpoint {
    const now = this.cluster.clock.now;
    if (entry.affinityMs !== undefined) {
      const key = `${entry.id}|${client}`;
      const stuck = this.affinity.get(key);
      if (stuck && now - stuck.at <= entry.affinityMs) {
        const still = candidates.find((e) => e.ip === stuck.ip && e.port === stuck.port);
        if (still) {
          stuck.at = now;
          return still;
        }
      }
      const chosen = candidates.length === 1 ? candidates[0] : this.cluster.random.pick(candidates);
      this.affinity.set(key, { ip: chosen.ip, port: chosen.port, at: now });
      return chosen;
    }
    return candidates.length === 1 ? candidates[0] : this.cluster.random.pick(candidates);
  }
}

/** Ready endpoints; failing those, the serving ones that are terminating (ProxyTerminatingEndpoints). */
function usable(endpoints: ProxyEndpoint[]): ProxyEndpoint[] {
  const ready = endpoints.filter((e) => e.ready);
  return ready.length > 0 ? ready : endpoints.filter((e) => e.serving && e.terminating);
}

/** The kube-proxy of a cluster, if it runs one. */
export function kubeProxy(cluster: Cluster): KubeProxy | undefined {
  return cluster.component<KubeProxy>(KUBE_PROXY);
}
