/**
 * ClusterDns answers DNS on the kube-dns Service address (10.96.0.10, the nameserver the kubelet
 * writes into every ClusterFirst pod's resolv.conf) with the records of records.ts.
 *
 * It answers whether or not CoreDNS pods exist, so pods resolve names on a bare cluster. The add-ons
 * that run CoreDNS as kube-system pods gate it with `setAvailable(false)` while they are not ready:
 * queries then go unanswered and clients time out, as they do when CoreDNS is down. A query is also
 * dropped when a NetworkPolicy forbids the client's egress to kube-dns on UDP 53 (see
 * network-policy), which is why a default-deny egress policy breaks name lookups.
 */
import type { Cluster, Component } from "../../cluster";
import { CLUSTER_DNS } from "../../kubelet/pods/etc-files";
import { podNetwork, type DnsAnswer } from "../fabric";
import type { NetNamespace } from "../netns";
import { lookup } from "./records";

export const CLUSTER_DNS_COMPONENT = "cluster-dns";

/** Decides whether a DNS query from a namespace may reach the cluster DNS server. */
export type DnsEgressCheck = (from: NetNamespace) => boolean;

export class ClusterDns implements Component {
  readonly name = CLUSTER_DNS_COMPONENT;
  private cluster!: Cluster;
  private available = true;
  private readonly egressChecks: DnsEgressCheck[] = [];

  start(cluster: Cluster): void {
    this.cluster = cluster;
    podNetwork(cluster).registerDnsServer(CLUSTER_DNS.nameserver, (name, from) => this.answer(name, from));
  }

  /** Turns answering on or off (off: every query times out). */
  setAvailable(available: boolean): void {
    this.available = available;
  }

  get isAvailable(): boolean {
    return this.available;
  }

  /** Adds a check every query must pass (NetworkPolicy egress to kube-dns); returns its removal. */
  registerEgressCheck(check: DnsEgressCheck): () => void {
    this.egressChecks.push(check);
    return () => this.egressChecks.splice(this.egressChecks.indexOf(check) >>> 0, 1);
  }

  /** The answer to one A query from `from` (undefined: from a node). */
  answer(name: string, from: NetNamespace | undefined): DnsAnswer {
    if (!this.available) return { rcode: "TIMEOUT", addresses: [] };
    if (from && !this.egressChecks.every((c) => c(from))) return { rcode: "TIMEOUT", addresses: [] };
    return lookup(this.cluster.store, name);
  }
}

/** The cluster DNS component, if the cluster runs one. */
export function clusterDns(cluster: Cluster): ClusterDns | undefined {
  return cluster.component<ClusterDns>(CLUSTER_DNS_COMPONENT);
}
