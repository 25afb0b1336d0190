/**
 * TaintToleration (plugins/tainttoleration): a node's NoSchedule and NoExecute taints keep out pods
 * that do not tolerate them; PreferNoSchedule taints only lower a node's score.
 */
import type { Toleration } from "kubernetes-types/core/v1";
import type { StateData } from "../cycle-state";
import { TAINT_COUNT } from "../node-rows";
import { Action, MAX_NODE_SCORE, type PluginDefinition } from "../plugin";
import { defaultNormalizeScore } from "../scoring";
import { Status } from "../status";
import { findUntoleratedTaint, formatTaintForReason, tolerationsTolerateTaint } from "../taints";

/** The plugin's name in the registry and in messages. */
export const NAME = "TaintToleration";

/** The reason strings the plugin reports, under Kubernetes' constant names. */
export const REASONS = {
  /** Formatted with the first untolerated taint: "node(s) had untolerated taint {key: value}". */
  ErrReasonNotMatch: "node(s) had untolerated taint %s",
} as const;

const PRE_SCORE_KEY = "PreScore" + NAME;

interface PreScoreState extends StateData {
  tolerationsPreferNoSchedule: Toleration[];
}

const blocking = (t: { effect: string }) => t.effect === "NoSchedule" || t.effect === "NoExecute";

/** The TaintToleration plugin: its contract and its extension points. */
export const TaintToleration: PluginDefinition = {
  name: NAME,
  reasons: REASONS,
  events: [
    { resource: "Node", action: Action.Add | Action.UpdateNodeTaint },
    { resource: "Pod", action: Action.UpdatePodTolerations },
  ],
  create: () => ({
    name: NAME,
    filter(_state, pod, node) {
      // The taint count is read from the node's row: most nodes have none, and the row is warm.
      if (node.fromRow(TAINT_COUNT) === 0) return null;
      const taint = findUntoleratedTaint(node.taints, pod.pod.spec?.tolerations, blocking);
      if (!taint) return null;
      return Status.unresolvable(REASONS.ErrReasonNotMatch.replace("%s", formatTaintForReason(taint)));
    },
    preScore(state, pod) {
      // A toleration without an effect tolerates every effect, PreferNoSchedule included.
      const tolerationsPreferNoSchedule = (pod.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === "PreferNoSchedule");
      state.write<PreScoreState>(PRE_SCORE_KEY, { tolerationsPreferNoSchedule });
      return null;
    },
    score(state, _pod, node) {
      if (node.fromRow(TAINT_COUNT) === 0) return 0;
      const s = state.read<PreScoreState>(PRE_SCORE_KEY)!;
      let intolerable = 0;
      for (const taint of node.taints) {
        if (taint.effect === "PreferNoSchedule" && !tolerationsTolerateTaint(s.tolerationsPreferNoSchedule, taint)) intolerable++;
      }
      return intolerable;
    },
    normalizeScore(_state, _pod, _nodes, scores) {
      defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
    },
  }),
};
