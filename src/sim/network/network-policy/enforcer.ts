/**
 * NetworkPolicyEnforcer is the policy half of a CNI such as Calico: it checks every connection the
 * pod network makes (pod to pod, pod to a Service after kube-proxy's DNAT, pod to the internet,
 * traffic from outside) against the NetworkPolicies in force, and drops what they forbid — the
 * client sees a timeout (`wget: download timed out`), never a refusal. DNS queries to kube-dns are
 * checked the same way, as UDP 53 to the CoreDNS pods (or, on a cluster without them, to a pod
 * labelled k8s-app=kube-dns in kube-system), so a deny-all egress policy breaks name lookups.
 */
import type { ContainerPort, Pod } from "kubernetes-types/core/v1";
import type { Cluster, Component } from "../../cluster";
import { readyEndpoints } from "../dns/records";
import { clusterDns } from "../dns/cluster-dns";
import { podNetwork } from "../fabric";
import type { NetNamespace } from "../netns";
import { CLUSTER_DNS } from "../../kubelet/pods/etc-files";
import { evaluate, type PolicyPeer, type PolicySource } from "./evaluator";

export const NETWORK_POLICY = "network-policy";

/** Where traffic from outside the cluster comes from (the kind network's gateway). */
const OUTSIDE_IP = "172.18.0.1";

export class NetworkPolicyEnforcer implements Component {
  readonly name = NETWORK_POLICY;
  private cluster!: Cluster;
  private source!: PolicySource;

  start(cluster: Cluster): void {
    this.cluster = cluster;
    const { store } = cluster;
    this.source = {
      policiesIn: (ns) => store.list("NetworkPolicy", ns),
      namespaceLabels: (ns) => store.get("Namespace", undefined, ns)?.metadata.labels ?? undefined,
    };
    podNetwork(cluster).registerPolicy((from, to, port, protocol, toIp) => this.allows(from, to, port, protocol, toIp));
    clusterDns(cluster)?.registerEgressCheck((from) => this.dnsAllowed(from));
  }

  /** True when policies let the connection through. */
  allows(from: NetNamespace | undefined, to: NetNamespace | undefined, port: number, protocol: string, toIp: string): boolean {
    if (this.cluster.store.count("NetworkPolicy") === 0) return true;
    const src = this.peerOf(from);
    const dst = to ? this.peerOf(to) : { ip: toIp };
    return this.check(src, dst, port, protocol);
  }

  /** True when a DNS query from `from` may reach kube-dns (UDP 53). */
  dnsAllowed(from: NetNamespace): boolean {
    if (this.cluster.store.count("NetworkPolicy") === 0) return true;
    const src = this.peerOf(from);
    const servers = readyEndpoints(this.cluster.store, "kube-system", "kube-dns")
      .map((e) => this.peerByIp(e.ip))
      .filter((p): p is PolicyPeer => !!p);
    const targets: PolicyPeer[] =
      servers.length > 0
        ? servers
        : [{ ip: CLUSTER_DNS.nameserver, pod: { namespace: "kube-system", name: "coredns", labels: { "k8s-app": "kube-dns" }, ports: [{ name: "dns", containerPort: 53, protocol: "UDP" }, { name: "dns-tcp", containerPort: 53, protocol: "TCP" }] } }];
    return targets.some((t) => this.check(src, t, 53, "UDP"));
  }

  private check(src: PolicyPeer, dst: PolicyPeer, port: number, protocol: string): boolean {
    const denial = evaluate(this.source, src, dst, port, protocol);
    if (denial && this.cluster.trace.active) {
      this.cluster.trace.emit({
        time: this.cluster.clock.now,
        component: NETWORK_POLICY,
        node: src.pod?.nodeName ?? dst.pod?.nodeName,
        action: "deny",
        detail: { from: src.pod ? `${src.pod.namespace}/${src.pod.name}` : src.ip, to: dst.pod ? `${dst.pod.namespace}/${dst.pod.name}` : dst.ip, port, protocol, direction: denial.direction, policies: denial.policies },
      });
    }
    return !denial;
  }

  private peerOf(ns: NetNamespace | undefined): PolicyPeer {
    if (!ns) return { ip: OUTSIDE_IP };
    if (ns.kind === "host" || !ns.pod) return { ip: ns.ip, hostOf: ns.nodeName };
    const pod = this.cluster.store.get("Pod", ns.pod.namespace, ns.pod.name) as Pod | undefined;
    return { ip: ns.ip, pod: { namespace: ns.pod.namespace, name: ns.pod.name, labels: pod?.metadata?.labels ?? {}, ports: containerPorts(pod), nodeName: ns.nodeName } };
  }

  private peerByIp(ip: string): PolicyPeer | undefined {
    const ns = podNetwork(this.cluster).namespaceOf(ip);
    return ns ? this.peerOf(ns) : undefined;
  }
}

function containerPorts(pod: Pod | undefined): ContainerPort[] {
  return [...(pod?.spec?.initContainers ?? []), ...(pod?.spec?.containers ?? [])].flatMap((c) => c.ports ?? []);
}
