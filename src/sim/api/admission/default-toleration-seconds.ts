/**
 * DefaultTolerationSeconds: every pod tolerates the not-ready and unreachable NoExecute taints for
 * 300 seconds unless it already tolerates them.
 */
import type { Toleration } from "kubernetes-types/core/v1";
import type { AdmissionPlugin } from "../server";

/** --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds. */
export const DEFAULT_TOLERATION_SECONDS = 300;
const NOT_READY = "node.kubernetes.io/not-ready";
const UNREACHABLE = "node.kubernetes.io/unreachable";

function tolerates(list: readonly Toleration[], key: string): boolean {
  return list.some((t) => (t.key === key || !t.key) && (t.effect === "NoExecute" || !t.effect));
}

export const defaultTolerationSeconds: AdmissionPlugin = {
  name: "DefaultTolerationSeconds",
  mutate(op, obj) {
    if (obj.kind !== "Pod" || (op !== "CREATE" && op !== "UPDATE")) return;
    const spec = obj.spec;
    const list: Toleration[] = spec.tolerations ?? [];
    const add: Toleration[] = [];
    if (!tolerates(list, NOT_READY)) add.push({ key: NOT_READY, operator: "Exists", effect: "NoExecute", tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    if (!tolerates(list, UNREACHABLE)) add.push({ key: UNREACHABLE, operator: "Exists", effect: "NoExecute", tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    if (add.length > 0) spec.tolerations = [...list, ...add];
  },
};
