/**
 * NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): favours nodes whose
 * CPU and memory would be used in even proportions once the pod is placed.
 */
import * as R from "../node-rows";
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
      const d = node.rows.data;
      const o = node.row * R.ROW;
      return balancedCpuMemory(d[o + R.REQ_MILLI_CPU] + pod.requests.milliCPU, d[o + R.ALLOC_MILLI_CPU], d[o + R.REQ_MEMORY] + pod.requests.memory, d[o + R.ALLOC_MEMORY]);
    },
  }),
};
