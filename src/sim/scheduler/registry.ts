/**
 * The plugin registry and the default profile (apis/config/v1/default_plugins.go in v1.31): every
 * plugin the simulated kube-scheduler runs, in the order Kubernetes runs them, with the score
 * weights of the default profile. NodeVolumeLimits, VolumeZone and ImageLocality are not simulated.
 */
import type { PluginDefinition } from "./plugin";
import { DefaultBinder } from "./plugins/default-binder";
import { DefaultPreemption } from "./plugins/default-preemption";
import { InterPodAffinity } from "./plugins/inter-pod-affinity";
import { NodeAffinity } from "./plugins/node-affinity";
import { NodeName } from "./plugins/node-name";
import { NodePorts } from "./plugins/node-ports";
import { NodeResourcesBalancedAllocation } from "./plugins/node-resources-balanced-allocation";
import { NodeResourcesFit } from "./plugins/node-resources-fit";
import { NodeUnschedulable } from "./plugins/node-unschedulable";
import { PodTopologySpread } from "./plugins/pod-topology-spread";
import { PrioritySort } from "./plugins/priority-sort";
import { SchedulingGates } from "./plugins/scheduling-gates";
import { TaintToleration } from "./plugins/taint-toleration";
import { VolumeBinding } from "./plugins/volume-binding";
import { VolumeRestrictions } from "./plugins/volume-restrictions";

/** A plugin enabled in a profile, with its score weight (score plugins only). */
export interface EnabledPlugin {
  definition: PluginDefinition;
  weight?: number;
}

/** Every plugin the simulation knows, by name. */
export const REGISTRY: ReadonlyMap<string, PluginDefinition> = new Map(
  [
    SchedulingGates,
    PrioritySort,
    NodeUnschedulable,
    NodeName,
    TaintToleration,
    NodeAffinity,
    NodePorts,
    NodeResourcesFit,
    VolumeRestrictions,
    VolumeBinding,
    PodTopologySpread,
    InterPodAffinity,
    DefaultPreemption,
    NodeResourcesBalancedAllocation,
    DefaultBinder,
  ].map((d) => [d.name, d]),
);

/** The default profile's MultiPoint list: its order is the order plugins run at each extension point. */
export const DEFAULT_PROFILE: readonly EnabledPlugin[] = [
  { definition: SchedulingGates },
  { definition: PrioritySort },
  { definition: NodeUnschedulable },
  { definition: NodeName },
  { definition: TaintToleration, weight: 3 },
  { definition: NodeAffinity, weight: 2 },
  { definition: NodePorts },
  { definition: NodeResourcesFit, weight: 1 },
  { definition: VolumeRestrictions },
  { definition: VolumeBinding },
  { definition: PodTopologySpread, weight: 2 },
  { definition: InterPodAffinity, weight: 2 },
  { definition: DefaultPreemption },
  { definition: NodeResourcesBalancedAllocation, weight: 1 },
  { definition: DefaultBinder },
];

/** The profile's scheduler name: pods asking for it (or for none) are this scheduler's. */
export const DEFAULT_SCHEDULER_NAME = "default-scheduler";

/** percentageOfNodesToScore: 0 means adaptive (50% minus 1% per 125 nodes, at least 5%). */
export const PERCENTAGE_OF_NODES_TO_SCORE = 0;
/** The floor of feasible nodes sought, as a count and as a percentage of the nodes. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** numFeasibleNodesToFind: how many feasible nodes a cycle looks for before it stops filtering. */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = PERCENTAGE_OF_NODES_TO_SCORE): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let p = percentage;
  if (p === 0) p = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
  const n = Math.trunc((numAllNodes * p) / 100);
  return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
}
