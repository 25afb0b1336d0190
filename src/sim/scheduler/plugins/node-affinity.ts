/**
 * NodeAffinity (plugins/nodeaffinity): the pod's nodeSelector and required node affinity decide which
 * nodes fit; its preferred node affinity adds the weights of the terms a node matches to its score.
 */
import type { PreferredSchedulingTerm } from "kubernetes-types/core/v1";
import type { StateData } from "../cycle-state";
import { preferredScore, requiredNodeAffinity, type RequiredNodeAffinity } from "../node-affinity";
import { Action, MAX_NODE_SCORE, type PluginDefinition } from "../plugin";
import { defaultNormalizeScore } from "../scoring";
import { SKIP, Status } from "../status";

/** The plugin's name in the registry and in messages. */
export const NAME = "NodeAffinity";

/** The reason strings the plugin reports, under Kubernetes' constant names. */
export const REASONS = {
  ErrReasonPod: "node(s) didn't match Pod's node affinity/selector",
  errReasonEnforced: "node(s) didn't match scheduler-enforced node affinity",
  errReasonConflict: "pod affinity terms conflict",
} as const;

const PRE_FILTER_KEY = "PreFilter" + NAME;
const PRE_SCORE_KEY = "PreScore" + NAME;

interface PreFilterState extends StateData {
  required: RequiredNodeAffinity;
}

interface PreScoreState extends StateData {
  preferred: PreferredSchedulingTerm[];
}

/** The NodeAffinity plugin: its contract and its extension points. */
export const NodeAffinity: PluginDefinition = {
  name: NAME,
  reasons: REASONS,
  // Kubernetes registers UpdateNodeTaint too, for nodes it may have skipped on Add.
  events: [{ resource: "Node", action: Action.Add | Action.UpdateNodeLabel | Action.UpdateNodeTaint }],
  create: () => ({
    name: NAME,
    preFilter(state, pod) {
      const spec = pod.pod.spec;
      const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
      if (!required && !spec?.nodeSelector) return { status: SKIP };
      state.write<PreFilterState>(PRE_FILTER_KEY, { required: requiredNodeAffinity(pod.pod) });
      const terms = required?.nodeSelectorTerms ?? [];
      if (terms.length === 0) return { status: null };
      // Affinity to node names (matchFields metadata.name In) narrows the nodes worth filtering.
      let names: Set<string> | undefined;
      for (const t of terms) {
        let termNames: Set<string> | undefined;
        for (const r of t.matchFields ?? []) {
          if (r.key !== "metadata.name" || r.operator !== "In") continue;
          const s = new Set(r.values ?? []);
          termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
        }
        // A term without node names leaves every node eligible: terms are ORed.
        if (!termNames) return { status: null };
        names = new Set([...(names ?? []), ...termNames]);
      }
      if (names && names.size === 0) return { status: Status.unresolvable(REASONS.errReasonConflict) };
      return { status: null, nodeNames: names };
    },
    filter(state, pod, node) {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY);
      const required = s ? s.required : requiredNodeAffinity(pod.pod);
      if (!node.node || required.match(node.node)) return null;
      return Status.unresolvable(REASONS.ErrReasonPod);
    },
    preScore(state, pod) {
      const preferred = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
      if (!preferred) return SKIP;
      state.write<PreScoreState>(PRE_SCORE_KEY, { preferred });
      return null;
    },
    score(state, _pod, node) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY)!;
      return node.node ? preferredScore(s.preferred, node.node) : 0;
    },
    normalizeScore(_state, _pod, _nodes, scores) {
      defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
    },
  }),
};
