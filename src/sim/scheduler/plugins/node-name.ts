/**
 * NodeName (plugins/nodename): a pod that names a node in spec.nodeName fits only that node.
 */
import { Action, type PluginDefinition } from "../plugin";
import { Status } from "../status";

/** The plugin's name in the registry and in messages. */
export const NAME = "NodeName";

/** The reason strings the plugin reports, under Kubernetes' constant names. */
export const REASONS = {
  ErrReason: "node(s) didn't match the requested node name",
} as const;

/** The NodeName plugin: its contract and its extension points. */
export const NodeName: PluginDefinition = {
  name: NAME,
  reasons: REASONS,
  events: [{ resource: "Node", action: Action.Add | Action.UpdateNodeLabel | Action.UpdateNodeTaint }],
  create: () => ({
    name: NAME,
    filter(_state, pod, node) {
      const wanted = pod.pod.spec?.nodeName;
      if (!wanted || wanted === node.name) return null;
      return Status.unresolvable(REASONS.ErrReason);
    },
  }),
};
