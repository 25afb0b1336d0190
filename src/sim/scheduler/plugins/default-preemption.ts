/**
 * DefaultPreemption (plugins/defaultpreemption): the PostFilter that runs preemption when a pod fits
 * no node, and prefixes its message with "preemption: ".
 */
import { preempt, PREEMPTION_REASONS } from "../preemption";
import { schedulerNameOf } from "../pod-info";
import type { PluginDefinition } from "../plugin";
import { Status } from "../status";

/** The plugin's name in the registry and in messages. */
export const NAME = "DefaultPreemption";

/** The reason strings the plugin reports, under Kubernetes' constant names. */
export const REASONS = PREEMPTION_REASONS;

/** The DefaultPreemption plugin: its contract and its extension points. */
export const DefaultPreemption: PluginDefinition = {
  name: NAME,
  reasons: REASONS,
  events: [],
  create: (handle) => ({
    name: NAME,
    postFilter(state, pod, statuses) {
      const result = preempt(handle, state, pod, statuses, schedulerNameOf(pod.pod));
      const s = result.status;
      if (s && s.message) return { ...result, status: new Status(s.code, [`preemption: ${s.message}`], NAME) };
      return result;
    },
  }),
};
