/**
 * Fixture builders for the scheduler's tests: `make.pod({...})`, `make.node({...})`, NodeInfos with
 * pods on them, a cycle through one plugin, and a small cluster running only what scheduling needs.
 */
import type { Container, PodSpec, Taint } from "kubernetes-types/core/v1";
import { Bootstrap } from "../bootstrap";
import { Cluster, type NodeSettings } from "../cluster";
import { TaintEvictionController } from "../controllers/taint-eviction";
import { CycleState } from "./cycle-state";
import { NodeInfo, type NodeObject } from "./node-info";
import { newPodInfo, type PodInfo, type PodObject } from "./pod-info";
import type { Handle, Plugin, PluginDefinition } from "./plugin";
import { Scheduler } from "./scheduler";
import type { Status } from "./status";
import { SpreadCounts } from "./spread-counts";

/** Shortcuts for the fields tests set most. */
export interface PodFixture {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  /** Requests of the one container ("cpu", "memory", extended resources). */
  requests?: Record<string, string>;
  limits?: Record<string, string>;
  hostPort?: number;
  nodeName?: string;
  priority?: number;
  spec?: Partial<PodSpec>;
  containers?: Container[];
  phase?: string;
  deletionTimestamp?: string;
}

/** Shortcuts for node fixtures. */
export interface NodeFixture {
  name?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  /** Allocatable; defaults to 4 CPU, 8Gi, 110 pods. */
  allocatable?: Record<string, string>;
}

let counter = 0;

/** The fixture builders. */
export const make = {
  pod(f: PodFixture = {}): PodObject {
    const name = f.name ?? `pod-${++counter}`;
    const container: Container = {
      name: "app",
      image: "nginx",
      ...(f.requests || f.limits ? { resources: { ...(f.requests ? { requests: f.requests } : {}), ...(f.limits ? { limits: f.limits } : {}) } } : {}),
      ...(f.hostPort ? { ports: [{ containerPort: 80, hostPort: f.hostPort }] } : {}),
    };
    return {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, namespace: f.namespace ?? "default", uid: f.uid ?? `uid-${name}`, labels: f.labels, ...(f.deletionTimestamp ? { deletionTimestamp: f.deletionTimestamp } : {}) },
      spec: {
        containers: f.containers ?? [container],
        ...(f.nodeName ? { nodeName: f.nodeName } : {}),
        ...(f.priority !== undefined ? { priority: f.priority } : {}),
        ...f.spec,
      },
      status: { phase: f.phase ?? "Pending" },
    } as PodObject;
  },

  node(f: NodeFixture = {}): NodeObject {
    const name = f.name ?? `node-${++counter}`;
    const allocatable = f.allocatable ?? { cpu: "4", memory: "8Gi", pods: "110", "ephemeral-storage": "100Gi" };
    return {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name, labels: { "kubernetes.io/hostname": name, ...f.labels } },
      spec: { ...(f.taints ? { taints: f.taints } : {}), ...(f.unschedulable ? { unschedulable: true } : {}) },
      status: { capacity: allocatable, allocatable },
    } as NodeObject;
  },

  /** A NodeInfo holding `pods` (each bound to the node). */
  nodeInfo(node: NodeObject, pods: PodObject[] = []): NodeInfo {
    const info = new NodeInfo(node.metadata.name!, node);
    for (const p of pods) info.addPod(newPodInfo({ ...p, spec: { ...p.spec!, nodeName: node.metadata.name } }));
    return info;
  },

  podInfo(pod: PodObject): PodInfo {
    return newPodInfo(pod);
  },
};

/** What a test handle offers beyond the basics. */
export interface HandleOptions {
  /** Keep the cache's per-domain and per-node counts of matching pods, as the scheduler does. */
  spreadCounts?: boolean;
}

/** A handle over fixed NodeInfos, for plugin unit tests. */
export function fixedHandle(nodes: NodeInfo[], cluster = new Cluster({ nodes: [] }), opts: HandleOptions = {}): Handle {
  nodes.forEach((n, i) => (n.index = i));
  const counts = opts.spreadCounts ? new SpreadCounts(() => nodes) : undefined;
  return {
    cluster,
    ...(counts ? { spreadCounts: () => counts } : {}),
    nodeList: () => nodes,
    node: (name) => nodes.find((n) => n.name === name),
    havePodsWithAffinity: () => nodes.filter((n) => n.podsWithAffinity.length > 0),
    havePodsWithRequiredAntiAffinity: () => nodes.filter((n) => n.podsWithRequiredAntiAffinity.length > 0),
    namespaceLabels: (ns) => cluster.store.get("Namespace", undefined, ns)?.metadata.labels ?? { "kubernetes.io/metadata.name": ns },
    podInfo: (pod) => newPodInfo(pod),
    nominatedPodsFor: () => [],
    runFilterWithNominatedPods: () => null,
    runPreFilterAddPod: () => {},
    runPreFilterRemovePod: () => {},
  };
}

/** One plugin's verdicts on each node for a pod: PreFilter, then Filter where PreFilter did not skip. */
export function filterWith(def: PluginDefinition, pod: PodObject, nodes: NodeInfo[]): { preFilter: Status | null; skipped: boolean; verdicts: (Status | null)[]; plugin: Plugin; state: CycleState } {
  const plugin = def.create(fixedHandle(nodes));
  const state = new CycleState();
  const pi = newPodInfo(pod);
  const pre = plugin.preFilter?.(state, pi);
  const skipped = pre?.status?.code === "Skip";
  const verdicts = nodes.map((n) => (skipped || !plugin.filter ? null : plugin.filter(state, pi, n)));
  return { preFilter: pre?.status ?? null, skipped, verdicts, plugin, state };
}

/** One plugin's raw and normalized scores on each node. */
export function scoreWith(def: PluginDefinition, pod: PodObject, nodes: NodeInfo[], opts: HandleOptions & { cluster?: Cluster } = {}): { skipped: boolean; raw: number[]; normalized: number[] } {
  const plugin = def.create(fixedHandle(nodes, opts.cluster, opts));
  const state = new CycleState();
  const pi = newPodInfo(pod);
  const pre = plugin.preScore?.(state, pi, nodes);
  if (pre?.code === "Skip") return { skipped: true, raw: [], normalized: [] };
  const raw = nodes.map((n) => plugin.score!(state, pi, n));
  const normalized = Float64Array.from(raw);
  plugin.normalizeScore?.(state, pi, nodes, normalized);
  return { skipped: false, raw, normalized: Array.from(normalized) };
}

/** A cluster running only the bootstrap, the scheduler and the taint-eviction controller. */
export function schedulingCluster(nodes?: NodeSettings[], seed: number | string = 1): { cluster: Cluster; scheduler: Scheduler } {
  const scheduler = new Scheduler();
  const cluster = new Cluster({ seed, nodes, components: [new Bootstrap(), scheduler, new TaintEvictionController()] }).start();
  return { cluster, scheduler };
}
