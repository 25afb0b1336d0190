/**
 * NodeUnschedulable (plugins/nodeunschedulable): a cordoned node (spec.unschedulable) takes no new
 * pods, unless the pod tolerates the node.kubernetes.io/unschedulable:NoSchedule taint.
 */
import { UNSCHEDULABLE } from "../node-rows";
import { Action, type PluginDefinition } from "../plugin";
import { Status } from "../status";
import { tolerationsTolerateTaint } from "../taints";

/** The plugin's name in the registry and in messages. */
export const NAME = "NodeUnschedulable";

/** The reason strings the plugin reports, under Kubernetes' constant names. */
export const REASONS = {
  ErrReasonUnknownCondition: "node(s) had unknown conditions",
  ErrReasonUnschedulable: "node(s) were unschedulable",
} as const;

const UNSCHEDULABLE_TAINT = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" };

/** The NodeUnschedulable plugin: its contract and its extension points. */
export const NodeUnschedulable: PluginDefinition = {
  name: NAME,
  reasons: REASONS,
  events: [{ resource: "Node", action: Action.Add | Action.UpdateNodeTaint }],
  create: () => ({
    name: NAME,
    filter(_state, pod, node) {
      if (node.fromRow(UNSCHEDULABLE) === 0) return null;
      if (tolerationsTolerateTaint(pod.pod.spec?.tolerations, UNSCHEDULABLE_TAINT)) return null;
      return Status.unresolvable(REASONS.ErrReasonUnschedulable);
    },
  }),
};
