/**
 * A Job's podFailurePolicy, after pod_failure_policy.go: the first rule matching a failed pod decides
 * — FailJob (the whole Job fails, with a message naming the container and exit code or the pod
 * condition), FailIndex (the pod's index fails), Ignore (the failure does not count towards
 * backoffLimit), Count (it does, as without a policy).
 */
import type { PodFailurePolicy, PodFailurePolicyOnExitCodesRequirement } from "kubernetes-types/batch/v1";
import type { ContainerStatus, Pod, PodCondition } from "kubernetes-types/core/v1";

export type PodFailurePolicyAction = "FailJob" | "FailIndex" | "Ignore" | "Count";

/** What a failed pod means under the policy. */
export interface PolicyMatch {
  /** The Job's failure message, for a FailJob rule. */
  failJobMessage?: string;
  /** False for an Ignore rule: the failure is not counted towards backoffLimit. */
  countFailed: boolean;
  action?: PodFailurePolicyAction;
}

function exitCodeMatches(code: number, req: PodFailurePolicyOnExitCodesRequirement): boolean {
  const values = req.values ?? [];
  if (req.operator === "In") return values.includes(code);
  if (req.operator === "NotIn") return !values.includes(code);
  return false;
}

/** The first terminated container (non-zero exit code) the requirement matches: app containers, then init containers. */
function matchOnExitCodes(pod: Pod, req: PodFailurePolicyOnExitCodesRequirement): ContainerStatus | undefined {
  const inList = (list: ContainerStatus[] | undefined) =>
    (list ?? []).find((s) => {
      const t = s.state?.terminated;
      return !!t && (!req.containerName || req.containerName === s.name) && t.exitCode !== 0 && exitCodeMatches(t.exitCode, req);
    });
  return inList(pod.status?.containerStatuses) ?? inList(pod.status?.initContainerStatuses);
}

function matchOnPodConditions(pod: Pod, patterns: { type: string; status: string }[]): PodCondition | undefined {
  for (const c of pod.status?.conditions ?? []) for (const p of patterns) if (c.type === p.type && c.status === p.status) return c;
  return undefined;
}

/** matchPodFailurePolicy. */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PolicyMatch {
  if (!policy) return { countFailed: true };
  const ns = pod.metadata?.namespace;
  const name = pod.metadata?.name;
  for (const [index, rule] of policy.rules.entries()) {
    const action = rule.action as PodFailurePolicyAction;
    let failJobMessage: string | undefined;
    if (rule.onExitCodes) {
      const status = matchOnExitCodes(pod, rule.onExitCodes);
      if (!status) continue;
      failJobMessage = `Container ${status.name} for pod ${ns}/${name} failed with exit code ${status.state!.terminated!.exitCode} matching ${action} rule at index ${index}`;
    } else if (rule.onPodConditions) {
      const cond = matchOnPodConditions(pod, rule.onPodConditions as { type: string; status: string }[]);
      if (!cond) continue;
      failJobMessage = `Pod ${ns}/${name} has condition ${cond.type} matching ${action} rule at index ${index}`;
    } else {
      continue;
    }
    switch (action) {
      case "Ignore":
        return { countFailed: false, action };
      case "Count":
        return { countFailed: true, action };
      case "FailIndex":
        return { countFailed: true, action };
      case "FailJob":
        return { failJobMessage, countFailed: true, action };
    }
  }
  return { countFailed: true };
}
