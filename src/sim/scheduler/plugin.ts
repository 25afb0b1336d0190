/**
 * The contract every scheduler plugin carries, after the scheduling framework's interfaces
 * (pkg/scheduler/framework/interface.go): a name, the reason strings it reports, the cluster events
 * that may make a pod it rejected schedulable again, and the extension points it implements.
 */
import type { SpreadCounts } from "./spread-counts";
import type { Cluster } from "../cluster";
import type { CycleState } from "./cycle-state";
import type { NodeInfo } from "./node-info";
import type { PodInfo, PodObject } from "./pod-info";
import type { QueuedPodInfo } from "./queued-pod";
import type { Status } from "./status";

/** The highest score a Score plugin gives after normalization (framework.MaxNodeScore). */
export const MAX_NODE_SCORE = 100;

/** What kind of change an event is (framework.ActionType), as bits so a plugin can name several. */
export const Action = {
  Add: 1,
  Delete: 2,
  UpdateNodeAllocatable: 4,
  UpdateNodeLabel: 8,
  UpdateNodeTaint: 16,
  UpdateNodeCondition: 32,
  UpdateNodeAnnotation: 64,
  UpdatePodLabel: 128,
  UpdatePodScaleDown: 256,
  UpdatePodTolerations: 512,
  UpdatePodSchedulingGatesEliminated: 1024,
  /** Any other update. */
  Update: 2048,
} as const;

/** Every update action. */
export const ANY_UPDATE = 4 | 8 | 16 | 32 | 64 | 128 | 256 | 512 | 1024 | 2048;
/** Every action: what a wildcard interest matches. */
export const ALL_ACTIONS = 1 | 2 | ANY_UPDATE;

/** The kinds whose changes may make a rejected pod schedulable. */
export type EventResource = "Node" | "Pod" | "PersistentVolumeClaim" | "PersistentVolume" | "StorageClass";

/** What changed: a node, an assigned pod, a storage object, or "*" (a wildcard: a timeout, a forced move). */
export interface ClusterEvent {
  resource: EventResource | "*";
  /** Bits of Action. */
  action: number;
  /** The event's label, as Kubernetes' metrics name it ("NodeAdd", "AssignedPodDelete", ...). */
  label: string;
}

/** A plugin's interest: events on `resource` with any of the `action` bits. */
export interface EventInterest {
  resource: EventResource;
  action: number;
}

/** What the scheduler lends plugins: the cluster snapshot and the API. */
export interface Handle {
  readonly cluster: Cluster;
  /** Every node, in the scheduler's order. */
  nodeList(): readonly NodeInfo[];
  node(name: string): NodeInfo | undefined;
  /** Nodes holding pods with any inter-pod affinity / with required anti-affinity. */
  havePodsWithAffinity(): NodeInfo[];
  havePodsWithRequiredAntiAffinity(): NodeInfo[];
  /** Matching pods per topology domain, kept by the cache (absent in plugin tests: counted by walking). */
  spreadCounts?(): SpreadCounts;
  namespaceLabels(namespace: string): Record<string, string> | undefined;
  /** The PodInfo of a pod, priority resolved. */
  podInfo(pod: PodObject): PodInfo;
  /** Pods nominated to a node by an earlier preemption (other than `except`). */
  nominatedPodsFor(nodeName: string): readonly PodInfo[];
  /** Runs the Filter plugins (with nominated pods), as preemption needs. */
  runFilterWithNominatedPods(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
  /** Runs every PreFilter extension's AddPod / RemovePod. */
  runPreFilterAddPod(state: CycleState, pod: PodInfo, add: PodInfo, node: NodeInfo): void;
  runPreFilterRemovePod(state: CycleState, pod: PodInfo, remove: PodInfo, node: NodeInfo): void;
}

/** What PreFilter may return: a status, and optionally the only nodes worth filtering. */
export interface PreFilterOutcome {
  status: Status | null;
  nodeNames?: Set<string>;
}

/** What PostFilter may return: a status and the node the pod is nominated to. */
export interface PostFilterOutcome {
  status: Status | null;
  /** undefined: leave the pod's nominatedNodeName; "": clear it; a name: set it. */
  nominatedNodeName?: string;
}

/**
 * What PreBind may return: a verdict now, or a wait — the binding cycle then holds the pod (assumed
 * on its node) until `done` reports, as Kubernetes' binding goroutine waits for volumes to bind.
 */
export type PreBindOutcome = Status | null | { wait(done: (status: Status | null) => void): void };

/** A plugin instance: the extension points it implements. */
export interface Plugin {
  readonly name: string;
  /** QueueSort: true when `a` goes before `b`. */
  less?(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
  /** PreEnqueue: a non-null status keeps the pod out of the active queue (scheduling gates). */
  preEnqueue?(pod: PodObject): Status | null;
  preFilter?(state: CycleState, pod: PodInfo): PreFilterOutcome;
  /** PreFilterExtensions: keep the PreFilter state right when preemption adds or removes a pod. */
  addPod?(state: CycleState, pod: PodInfo, add: PodInfo, node: NodeInfo): void;
  removePod?(state: CycleState, pod: PodInfo, remove: PodInfo, node: NodeInfo): void;
  filter?(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
  postFilter?(state: CycleState, pod: PodInfo, statuses: ReadonlyMap<string, Status>): PostFilterOutcome;
  preScore?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null;
  score?(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  /** Rewrites `scores` (one per node, same order) into 0..MAX_NODE_SCORE. */
  normalizeScore?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], scores: Float64Array): void;
  /** Reserve: the pod is about to go to `nodeName`; a non-null status fails the cycle (Unreserve runs). */
  reserve?(state: CycleState, pod: PodInfo, nodeName: string): Status | null;
  /** Unreserve: undoes Reserve after a later failure. Must be idempotent. */
  unreserve?(state: CycleState, pod: PodInfo, nodeName: string): void;
  /** PreBind: work that must finish before the binding (volume binding). */
  preBind?(state: CycleState, pod: PodInfo, nodeName: string): PreBindOutcome;
  /** Bind: writes the binding; a non-null status is a failure. */
  bind?(pod: PodInfo, nodeName: string): Status | null;
}

/** A plugin as the registry lists it: its contract, and how to build it. */
export interface PluginDefinition {
  readonly name: string;
  /** The reason strings it reports, under Kubernetes' constant names. */
  readonly reasons: Readonly<Record<string, string>>;
  /** Events that may make a pod it rejected schedulable (EnqueueExtensions.EventsToRegister). */
  readonly events: readonly EventInterest[];
  create(handle: Handle): Plugin;
}
