/**
 * NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): favours nodes whose
 * CPU and memory would be used in even proportions once the pod is placed.
 */
import type { PluginDefinition } from "../plugin";
import { balancedCpuMemory } from "../scoring";

/** The plugin's name in the registry and in messages. */
export const NAME = "NodeResourcesBalancedAllocation";

/** The NodeResourcesBalancedAllocation plugin: its contract and its extension points. */
export const NodeResourcesBalancedAllocation: PluginDefinition = {
  name: NAME,
  reasons: {},
  events: [],
  create: () => ({
    name: NAME,
    score(_state, pod, node) {
      // Balance looks at what pods actually request, without the defaults LeastAllocated assumes.
      const alloc = node.allocatable;
      const req = node.requested;
      return balancedCpuMemory(req.milliCPU + pod.requests.milliCPU, alloc.milliCPU, req.memory + pod.requests.memory, alloc.memory);
    },
  }),
};
