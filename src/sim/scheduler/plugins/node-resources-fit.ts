/**
 * NodeResourcesFit (plugins/noderesources/fit.go): a pod fits a node when the node's allocatable
 * minus what its pods request covers every resource the pod requests (cpu, memory,
 * ephemeral-storage, extended resources such as example.com/dongle), and one more pod is allowed.
 * Scores with the LeastAllocated strategy: the emptier the node, the higher.
 */
import type { StateData } from "../cycle-state";
import type { NodeInfo } from "../node-info";
import * as R from "../node-rows";
import type { PodInfo } from "../pod-info";
import { Action, type PluginDefinition } from "../plugin";
import { leastAllocatedCpuMemory } from "../scoring";
import { Status } from "../status";

/** The plugin's name in the registry and in messages. */
export const NAME = "NodeResourcesFit";

/** The reason strings the plugin reports, under Kubernetes' constant names. */
export const REASONS = {
  tooManyPods: "Too many pods",
  /** Formatted with the resource name: "Insufficient cpu", "Insufficient example.com/dongle". */
  insufficient: "Insufficient %v",
} as const;

/** One resource the node lacks for the pod. */
export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** Every resource the node lacks for the pod (fitsRequest), in Kubernetes' order. */
export function insufficientResources(pod: PodInfo, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = node.allocatable;
  const used = node.requested;
  if (node.podCount + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: "pods", reason: REASONS.tooManyPods, requested: 1, used: node.podCount, capacity: alloc.allowedPodNumber });
  }
  const req = pod.requests;
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && (!req.scalar || req.scalar.size === 0)) return out;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({ resourceName: "cpu", reason: "Insufficient cpu", requested: req.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU });
  }
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
    out.push({ resourceName: "memory", reason: "Insufficient memory", requested: req.memory, used: used.memory, capacity: alloc.memory });
  }
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out.push({ resourceName: "ephemeral-storage", reason: "Insufficient ephemeral-storage", requested: req.ephemeralStorage, used: used.ephemeralStorage, capacity: alloc.ephemeralStorage });
  }
  if (req.scalar) {
    // Go iterates the map in random order; the message sorts reasons anyway, so sort for a stable record.
    for (const name of [...req.scalar.keys()].sort()) {
      const q = req.scalar.get(name)!;
      if (q === 0) continue;
      const free = alloc.getScalar(name) - used.getScalar(name);
      if (q > free) {
        out.push({ resourceName: name, reason: REASONS.insufficient.replace("%v", name), requested: q, used: used.getScalar(name), capacity: alloc.getScalar(name) });
      }
    }
  }
  return out;
}

/**
 * True when nothing is lacking: the allocation-free check every node goes through first. It reads
 * the node's row (NodeRows), not its Resources: on a large cluster those are cold in cache.
 */
function fits(pod: PodInfo, node: NodeInfo): boolean {
  const d = node.rows.data;
  const o = node.row * R.ROW;
  const req = pod.requests;
  if (d[o + R.POD_COUNT] + 1 > d[o + R.ALLOWED_POD_NUMBER]) return false;
  if (req.milliCPU > 0 && req.milliCPU > d[o + R.ALLOC_MILLI_CPU] - d[o + R.REQ_MILLI_CPU]) return false;
  if (req.memory > 0 && req.memory > d[o + R.ALLOC_MEMORY] - d[o + R.REQ_MEMORY]) return false;
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > d[o + R.ALLOC_EPHEMERAL_STORAGE] - d[o + R.REQ_EPHEMERAL_STORAGE]) return false;
  if (req.scalar) for (const [name, q] of req.scalar) if (q > 0 && q > node.allocatable.getScalar(name) - node.requested.getScalar(name)) return false;
  return true;
}

interface PreFilterState extends StateData {
  checked: true;
}

/** The NodeResourcesFit plugin: its contract and its extension points. */
export const NodeResourcesFit: PluginDefinition = {
  name: NAME,
  reasons: REASONS,
  events: [
    { resource: "Pod", action: Action.Delete | Action.UpdatePodScaleDown },
    { resource: "Node", action: Action.Add | Action.UpdateNodeAllocatable | Action.UpdateNodeTaint | Action.UpdateNodeLabel },
  ],
  create: () => ({
    name: NAME,
    preFilter(state) {
      // The pod's requests are computed once with its PodInfo; the state marks that PreFilter ran.
      state.write<PreFilterState>("PreFilter" + NAME, { checked: true });
      return { status: null };
    },
    filter(_state, pod, node) {
      if (fits(pod, node)) return null;
      const missing = insufficientResources(pod, node);
      if (missing.length === 0) return null;
      return Status.unschedulable(...missing.map((m) => m.reason));
    },
    score(_state, pod, node) {
      // The default strategy: LeastAllocated over cpu and memory, weight 1 each.
      const d = node.rows.data;
      const o = node.row * R.ROW;
      return leastAllocatedCpuMemory(d[o + R.NON_ZERO_CPU] + pod.nonZeroCPU, d[o + R.ALLOC_MILLI_CPU], d[o + R.NON_ZERO_MEMORY] + pod.nonZeroMemory, d[o + R.ALLOC_MEMORY]);
    },
  }),
};
