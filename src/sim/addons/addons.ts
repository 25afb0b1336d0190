/**
 * Addons bootstraps what a kind cluster shows in kube-system before anyone uses it: the control
 * plane's static pods on the control-plane node (run by its kubelet, mirrored as etcd-control-plane,
 * kube-apiserver-control-plane, ...), kube-proxy on every node, CoreDNS with the kube-dns Service, and
 * the component statuses. The DaemonSet and Deployment controllers make the pods.
 *
 * Cluster DNS follows CoreDNS: once a CoreDNS pod has been Ready, names resolve only while one is
 * Ready (a cluster whose CoreDNS pods are all down answers no queries). Until then the cluster counts
 * as handed over with DNS working, as a kind cluster is when `kind create cluster` returns.
 *
 * `createCluster({ addons: false })` gives a bare cluster without any of it.
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import type { Cluster, Component } from "../cluster";
import type { KObject } from "../api/types";
import type { KubeletComponent } from "../kubelet/component";
import { clusterDns } from "../network/dns/cluster-dns";
import { controlPlaneManifests } from "./control-plane";
import { componentStatuses, coreDnsObjects, kubeProxyObjects } from "./manifests";

export const ADDONS = "addons";
const CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";
/** The actor kubeadm's writes are recorded as. */
const KUBEADM = "kubeadm";

export class Addons implements Component {
  readonly name = ADDONS;
  private cluster!: Cluster;
  private dnsWasReady = false;

  start(cluster: Cluster): void {
    this.cluster = cluster;
    if (cluster.options.addons === false) return;
    for (const obj of [...componentStatuses(), ...kubeProxyObjects(), ...coreDnsObjects()]) {
      try {
        cluster.api.create(obj, { actor: KUBEADM });
      } catch {
        // Already there (a cluster restored from a snapshot), or the kind is not served here.
      }
    }
    this.startStaticPods();
    cluster.api.watch("Pod", (e) => {
      if (e.object.metadata.namespace === "kube-system" && e.object.metadata.labels?.["k8s-app"] === "kube-dns") this.gateDns();
    });
  }

  /** kubeadm's manifests in the control-plane node's /etc/kubernetes/manifests. */
  private startStaticPods(): void {
    const kubelets = this.cluster.component<KubeletComponent>("kubelet");
    if (!kubelets) return;
    for (const node of this.cluster.store.list("Node") as (Node & KObject)[]) {
      if (node.metadata.labels?.[CONTROL_PLANE_LABEL] === undefined) continue;
      const name = node.metadata.name!;
      const k = kubelets.kubelet(name);
      const ip = node.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
      if (!k || !ip) continue;
      for (const manifest of controlPlaneManifests(name, ip)) k.staticPods.add(manifest);
    }
  }

  /** Cluster DNS answers while a CoreDNS pod is Ready (after the first one has been). */
  private gateDns(): void {
    const dns = clusterDns(this.cluster);
    if (!dns) return;
    const ready = (this.cluster.store.list("Pod", "kube-system") as (Pod & KObject)[]).some(
      (p) => p.metadata.labels?.["k8s-app"] === "kube-dns" && !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True"),
    );
    if (ready) this.dnsWasReady = true;
    if (this.dnsWasReady && dns.isAvailable !== ready) dns.setAvailable(ready);
  }
}
