/**
 * What the faults panel reads from the mirrored cluster: the nodes with their state and size, and
 * the pods with their containers and probes. Selectors return a string so a component re-renders
 * only when what it shows changed, not on every batch.
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import type { KObject } from "../../sim/api/types";
import type { AppState } from "../store/store";
import type { ProbeType } from "./commands";

export interface NodeInfo {
  name: string;
  /** The Ready condition's status: "True", "False", "Unknown". */
  ready: string;
  cpu: string;
  memory: string;
  pods: string;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
  unschedulable: boolean;
}

export interface PodInfo {
  namespace: string;
  name: string;
  node?: string;
  containers: { name: string; probes: ProbeType[] }[];
}

/** The nodes, as a JSON string (see module doc). */
export function nodesSignature(s: AppState): string {
  const out: NodeInfo[] = [];
  for (const n of s.mirror.list<Node & KObject>("Node")) {
    const ready = n.status?.conditions?.find((c) => c.type === "Ready")?.status ?? "Unknown";
    const cap = n.status?.capacity ?? {};
    out.push({
      name: n.metadata.name!,
      ready,
      cpu: cap.cpu ?? "",
      memory: cap.memory ?? "",
      pods: cap.pods ?? "",
      labels: n.metadata.labels ?? {},
      taints: (n.spec?.taints ?? []).map((t) => ({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect })),
      unschedulable: !!n.spec?.unschedulable,
    });
  }
  out.sort((a, b) => a.name.localeCompare(b.name));
  return JSON.stringify(out);
}

/** The pods bound to nodes, with containers and their probes, as a JSON string. */
export function podsSignature(s: AppState): string {
  const out: PodInfo[] = [];
  for (const p of s.mirror.list<Pod & KObject>("Pod")) {
    if (p.metadata.deletionTimestamp) continue;
    const containers = [...(p.spec?.initContainers ?? []).filter((c) => c.restartPolicy === "Always"), ...(p.spec?.containers ?? [])].map((c) => ({
      name: c.name,
      probes: (["liveness", "readiness", "startup"] as const).filter((t) => !!c[`${t}Probe`]),
    }));
    out.push({ namespace: p.metadata.namespace ?? "default", name: p.metadata.name!, ...(p.spec?.nodeName ? { node: p.spec.nodeName } : {}), containers });
  }
  out.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  return JSON.stringify(out);
}

/** Memory as a person writes it: "8Gi" for "8388608Ki". */
export function readableMemory(q: string): string {
  const m = /^(\d+)Ki$/.exec(q);
  if (!m) return q;
  const ki = Number(m[1]);
  if (ki % (1024 * 1024) === 0) return `${ki / (1024 * 1024)}Gi`;
  if (ki % 1024 === 0) return `${ki / 1024}Mi`;
  return q;
}
