/**
 * What the kubelets' summary API reports, read straight from the node agents: each running container
 * of a pod with its start time, CPU and working-set memory, and each node's running containers and
 * sandboxes. Nothing is sampled in the background; callers read when they need a value.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster";
import type { KubeletComponent } from "../kubelet/component";
import type { Kubelet } from "../kubelet/kubelet";

/** One running container as the kubelet sees it. */
export interface ContainerSample {
  name: string;
  startedAt: number;
  cpuMilli: number;
  memoryBytes: number;
}

function kubelets(cluster: Cluster): KubeletComponent | undefined {
  return cluster.component<KubeletComponent>("kubelet");
}

/** The running containers of a pod on its node, newest instance of each (a mirror pod's are its static pod's). */
export function podContainers(cluster: Cluster, nodeName: string, pod: Pod): ContainerSample[] | undefined {
  const k = kubelets(cluster)?.kubelet(nodeName);
  if (!k) return undefined;
  const pr = k.workers.get(pod.metadata?.uid ?? "")?.pr ?? k.staticPods.isMirrorOf(pod);
  if (!pr) return undefined;
  return runningContainers(k, pr.rp.containers);
}

function runningContainers(k: Kubelet, records: readonly { id: string; name: string; removed: boolean }[]): ContainerSample[] {
  const out: ContainerSample[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    // Newest first: the first instance of a name is the current one.
    if (seen.has(r.name)) continue;
    seen.add(r.name);
    if (r.removed) continue;
    const info = k.ctx.runtime.containerStatus(r.id);
    if (!info || info.state !== "running" || info.startedAt === undefined) continue;
    out.push({ name: r.name, startedAt: info.startedAt, cpuMilli: info.cpuMilli, memoryBytes: info.memoryBytes });
  }
  return out;
}

/** A node's kubelet: when it started, and what all its pods' containers use now. */
export function nodeContainers(cluster: Cluster, nodeName: string): { startedAt: number; running: boolean; cpuMilli: number; memoryBytes: number; sandboxes: number } | undefined {
  const k = kubelets(cluster)?.kubelet(nodeName);
  if (!k) return undefined;
  let cpu = 0;
  let mem = 0;
  let sandboxes = 0;
  for (const w of k.workers.values()) {
    const rp = w.pr.rp;
    if (rp.sandbox && rp.sandbox.removedAt === undefined && rp.sandbox.state === "ready") sandboxes++;
    for (const c of runningContainers(k, rp.containers)) {
      cpu += c.cpuMilli;
      mem += c.memoryBytes;
    }
  }
  return { startedAt: k.startedAt, running: k.ctx.running, cpuMilli: cpu, memoryBytes: mem, sandboxes };
}
