/**
 * NodePorts (plugins/nodeports): a pod asking for a hostPort fits only nodes where no other pod holds
 * the same port, protocol and address (0.0.0.0 clashes with every address).
 */
import { Action, type PluginDefinition } from "../plugin";
import { SKIP, Status } from "../status";

/** The plugin's name in the registry and in messages. */
export const NAME = "NodePorts";

/** The reason strings the plugin reports, under Kubernetes' constant names. */
export const REASONS = {
  ErrReason: "node(s) didn't have free ports for the requested pod ports",
} as const;

/** The NodePorts plugin: its contract and its extension points. */
export const NodePorts: PluginDefinition = {
  name: NAME,
  reasons: REASONS,
  events: [
    { resource: "Pod", action: Action.Delete },
    { resource: "Node", action: Action.Add | Action.UpdateNodeTaint | Action.UpdateNodeLabel },
  ],
  create: () => ({
    name: NAME,
    preFilter(_state, pod) {
      return { status: pod.hostPorts.length === 0 ? SKIP : null };
    },
    filter(_state, pod, node) {
      for (const hp of pod.hostPorts) if (node.portConflicts(hp)) return Status.unschedulable(REASONS.ErrReason);
      return null;
    },
  }),
};
