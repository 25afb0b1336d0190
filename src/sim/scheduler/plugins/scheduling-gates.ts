/**
 * SchedulingGates (plugins/schedulinggates): a pod with spec.schedulingGates waits outside the active
 * queue until every gate is removed.
 */
import { Action, type PluginDefinition } from "../plugin";
import { Status } from "../status";

/** The plugin's name in the registry and in messages. */
export const NAME = "SchedulingGates";

/** The reason strings the plugin reports, under Kubernetes' constant names. */
export const REASONS = {
  /** Formatted with the gate names as Go prints a []string: "[example.com/foo example.com/bar]". */
  waitingForGates: "waiting for scheduling gates: %v",
} as const;

/** The SchedulingGates plugin: its contract and its extension points. */
export const SchedulingGates: PluginDefinition = {
  name: NAME,
  reasons: REASONS,
  events: [{ resource: "Pod", action: Action.UpdatePodSchedulingGatesEliminated }],
  create: () => ({
    name: NAME,
    preEnqueue(pod) {
      const gates = pod.spec?.schedulingGates ?? [];
      if (gates.length === 0) return null;
      return Status.unresolvable(REASONS.waitingForGates.replace("%v", `[${gates.map((g) => g.name).join(" ")}]`));
    },
  }),
};
