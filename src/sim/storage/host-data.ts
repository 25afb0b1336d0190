/**
 * Reaching a volume's data on the nodes' disks, for what storage components do outside any pod:
 * a provisioner's helper pod removing a local-path directory, the hostPath deleter and recycler.
 */
import type { Cluster } from "../cluster";
import type { KubeletComponent } from "../kubelet/component";

/** `rm -rf path` on one node (or on every node when `nodeName` is undefined). */
export function removeHostPath(cluster: Cluster, path: string, nodeName?: string): void {
  const kubelets = cluster.component<KubeletComponent>("kubelet");
  if (!kubelets) return;
  const nodes = nodeName !== undefined ? [nodeName] : kubelets.nodes;
  for (const n of nodes) kubelets.kubelet(n)?.hostFs.removeAll(path);
}

/** The node a volume's node affinity pins it to (kubernetes.io/hostname In [node]), if any. */
export function pinnedNode(pv: { spec?: { nodeAffinity?: { required?: { nodeSelectorTerms?: { matchExpressions?: { key: string; operator: string; values?: string[] }[] }[] } } } }): string | undefined {
  for (const t of pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
    for (const e of t.matchExpressions ?? []) {
      if (e.key === "kubernetes.io/hostname" && e.operator === "In" && e.values?.length === 1) return e.values[0];
    }
  }
  return undefined;
}
