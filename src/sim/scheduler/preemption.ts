/**
 * Preemption (framework/preemption and plugins/defaultpreemption): when a pod fits nowhere, find the
 * nodes where evicting lower-priority pods would make room, pick the node that hurts least, delete the
 * victims and nominate the node for the preemptor. When no node helps, the per-node reasons become the
 * "preemption: 0/N nodes are available: ..." half of the FailedScheduling message.
 */
import { fromLabelSelector, isEverything, matches } from "../api/labels";
import { fitErrorMessage } from "./fit-error";
import type { CycleState } from "./cycle-state";
import type { NodeInfo } from "./node-info";
import type { PodInfo } from "./pod-info";
import type { Handle, PostFilterOutcome } from "./plugin";
import { Status } from "./status";

/** The reason strings preemption reports, in Kubernetes' words. */
export const PREEMPTION_REASONS = {
  notHelpful: "Preemption is not helpful for scheduling",
  noVictims: "No preemption victims found for incoming pod",
  preemptNever: "not eligible due to preemptionPolicy=Never.",
  terminatingOnNominated: "not eligible due to a terminating pod on the nominated node.",
  noCandidate: "no candidate node for preemption",
} as const;

/** DefaultPreemptionArgs defaults: candidates sought, as a share of the nodes and at least. */
export const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
export const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

/** The reason a pod deleted by preemption carries in its DisruptionTarget condition. */
export const PREEMPTION_BY_SCHEDULER = "PreemptionByScheduler";

interface Candidate {
  node: string;
  /** Highest priority first. */
  victims: PodInfo[];
  numPDBViolations: number;
}

interface Budget {
  namespace: string;
  selector: ReturnType<typeof fromLabelSelector>;
  disruptedPods: Record<string, unknown>;
  allowed: number;
}

/** Runs preemption for `pod`, which failed the filters with `statuses`. */
export function preempt(handle: Handle, state: CycleState, pod: PodInfo, statuses: ReadonlyMap<string, Status>, schedulerName: string): PostFilterOutcome {
  const nominated = pod.pod.status?.nominatedNodeName;
  const eligible = eligibleToPreempt(handle, pod, nominated ? statuses.get(nominated) : undefined);
  if (eligible) return { status: Status.unschedulable(eligible) };

  const nodes = handle.nodeList();
  if (nodes.length === 0) return { status: Status.error("no nodes available") };
  const potential: NodeInfo[] = [];
  const outcome = new Map<string, Status>();
  const notHelpful = Status.unresolvable(PREEMPTION_REASONS.notHelpful);
  for (const n of nodes) {
    if (statuses.get(n.name)?.code === "Unschedulable") potential.push(n);
    else outcome.set(n.name, notHelpful);
  }
  if (potential.length === 0) {
    return { status: fitFailure(outcome), nominatedNodeName: nominated ? "" : undefined };
  }

  const candidates = dryRun(handle, state, pod, potential, outcome);
  if (candidates.length === 0) return { status: fitFailure(outcome) };
  const best = pickOne(candidates);
  if (!best) return { status: Status.unschedulable(PREEMPTION_REASONS.noCandidate) };
  evict(handle, pod, best, schedulerName);
  return { status: null, nominatedNodeName: best.node };
}

function fitFailure(statuses: Map<string, Status>): Status {
  return Status.unschedulable(fitErrorMessage({ numAllNodes: statuses.size, statuses }));
}

/** PodEligibleToPreemptOthers: why the pod may not preempt, or undefined when it may. */
function eligibleToPreempt(handle: Handle, pod: PodInfo, nominatedStatus: Status | undefined): string | undefined {
  if (pod.pod.spec?.preemptionPolicy === "Never") return PREEMPTION_REASONS.preemptNever;
  const nominated = pod.pod.status?.nominatedNodeName;
  if (!nominated) return undefined;
  // A nominated node that no longer fits at all is worth preempting on again.
  if (nominatedStatus?.code === "UnschedulableAndUnresolvable") return undefined;
  const node = handle.node(nominated);
  if (!node) return undefined;
  for (const p of node.pods.values()) {
    if (p.priority < pod.priority && terminatingByPreemption(p)) return PREEMPTION_REASONS.terminatingOnNominated;
  }
  return undefined;
}

function terminatingByPreemption(p: PodInfo): boolean {
  if (!p.pod.metadata.deletionTimestamp) return false;
  return !!p.pod.status?.conditions?.some((c) => c.type === "DisruptionTarget" && c.reason === PREEMPTION_BY_SCHEDULER);
}

/** DryRunPreemption: which nodes would fit the pod with some lower-priority pods removed. */
function dryRun(handle: Handle, state: CycleState, pod: PodInfo, potential: NodeInfo[], outcome: Map<string, Status>): Candidate[] {
  const n = potential.length;
  const offset = handle.cluster.random.int(0, n - 1);
  const wanted = Math.min(n, Math.max(Math.trunc((n * MIN_CANDIDATE_NODES_PERCENTAGE) / 100), MIN_CANDIDATE_NODES_ABSOLUTE));
  const budgets = podDisruptionBudgets(handle);
  const candidates: Candidate[] = [];
  let nonViolating = 0;
  for (let i = 0; i < n; i++) {
    const node = potential[(offset + i) % n];
    const r = selectVictimsOnNode(handle, state.clone(), pod, node.clone(), budgets);
    if ("victims" in r) {
      candidates.push({ node: node.name, victims: r.victims, numPDBViolations: r.numPDBViolations });
      if (r.numPDBViolations === 0) nonViolating++;
      if (nonViolating > 0 && candidates.length >= wanted) break;
    } else {
      outcome.set(node.name, r.status);
    }
  }
  return candidates;
}

function selectVictimsOnNode(
  handle: Handle,
  state: CycleState,
  pod: PodInfo,
  node: NodeInfo,
  budgets: Budget[],
): { victims: PodInfo[]; numPDBViolations: number } | { status: Status } {
  const potential: PodInfo[] = [];
  for (const p of [...node.pods.values()]) {
    if (p.priority >= pod.priority) continue;
    potential.push(p);
    node.removePod(p.key);
    handle.runPreFilterRemovePod(state, pod, p, node);
  }
  if (potential.length === 0) return { status: Status.unresolvable(PREEMPTION_REASONS.noVictims) };
  const fits = handle.runFilterWithNominatedPods(state, pod, node);
  if (fits) return { status: fits };

  potential.sort(moreImportantFirst);
  const [violating, nonViolating] = splitByBudgets(potential, budgets);
  const victims: PodInfo[] = [];
  let numPDBViolations = 0;
  const reprieve = (p: PodInfo): boolean => {
    node.addPod(p);
    handle.runPreFilterAddPod(state, pod, p, node);
    if (!handle.runFilterWithNominatedPods(state, pod, node)) return true;
    node.removePod(p.key);
    handle.runPreFilterRemovePod(state, pod, p, node);
    victims.push(p);
    return false;
  };
  for (const p of violating) if (!reprieve(p)) numPDBViolations++;
  for (const p of nonViolating) reprieve(p);
  if (victims.length === 0) return { status: Status.error(`expected at least one victim pod on node "${node.name}"`) };
  return { victims, numPDBViolations };
}

/** MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportantFirst(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return startTime(a) - startTime(b);
}

function startTime(p: PodInfo): number {
  const t = p.pod.status?.startTime;
  return t ? Date.parse(t) : Number.MAX_SAFE_INTEGER;
}

function podDisruptionBudgets(handle: Handle): Budget[] {
  const out: Budget[] = [];
  for (const pdb of handle.cluster.store.each("PodDisruptionBudget")) {
    out.push({
      namespace: pdb.metadata.namespace ?? "",
      selector: fromLabelSelector(pdb.spec?.selector),
      disruptedPods: pdb.status?.disruptedPods ?? {},
      allowed: pdb.status?.disruptionsAllowed ?? 0,
    });
  }
  return out;
}

/** filterPodsWithPDBViolation: victims whose eviction would break a PodDisruptionBudget, and the rest. */
function splitByBudgets(pods: PodInfo[], budgets: Budget[]): [PodInfo[], PodInfo[]] {
  const allowed = budgets.map((b) => b.allowed);
  const violating: PodInfo[] = [];
  const rest: PodInfo[] = [];
  for (const p of pods) {
    let violated = false;
    if (Object.keys(p.labels).length > 0) {
      budgets.forEach((b, i) => {
        if (b.namespace !== p.namespace || b.selector.matchesNothing || isEverything(b.selector) || !matches(b.selector, p.labels)) return;
        if (p.name in b.disruptedPods) return;
        if (--allowed[i] < 0) violated = true;
      });
    }
    (violated ? violating : rest).push(p);
  }
  return [violating, rest];
}

/** pickOneNodeForPreemption: fewest PDB violations, lowest top victim, lowest sum, fewest victims, latest start. */
function pickOne(candidates: Candidate[]): Candidate | undefined {
  const scores: ((c: Candidate) => number)[] = [
    (c) => -c.numPDBViolations,
    (c) => -c.victims[0].priority,
    (c) => -c.victims.reduce((s, v) => s + v.priority + 2 ** 31, 0),
    (c) => -c.victims.length,
    (c) => earliestStart(c.victims),
  ];
  let left = candidates;
  for (const f of scores) {
    let best = -Infinity;
    let selected: Candidate[] = [];
    for (const c of left) {
      const s = f(c);
      if (s > best) {
        best = s;
        selected = [];
      }
      if (s === best) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    left = selected;
  }
  return left[0];
}

function earliestStart(victims: PodInfo[]): number {
  let max = victims[0].priority;
  let earliest = startTime(victims[0]);
  for (const v of victims) {
    if (v.priority === max) earliest = Math.min(earliest, startTime(v));
    else if (v.priority > max) {
      max = v.priority;
      earliest = startTime(v);
    }
  }
  return earliest;
}

/** prepareCandidate: mark and delete the victims, and clear lower-priority nominations on the node. */
function evict(handle: Handle, pod: PodInfo, c: Candidate, schedulerName: string): void {
  const { api, events } = handle.cluster;
  const actor = "kube-scheduler";
  for (const v of c.victims) {
    const current = api.tryGet("Pod", v.namespace, v.name);
    if (!current) continue;
    const conditions = [...(current.status?.conditions ?? [])].filter((x: { type: string }) => x.type !== "DisruptionTarget");
    conditions.push({
      type: "DisruptionTarget",
      status: "True",
      lastProbeTime: null,
      lastTransitionTime: handle.cluster.clock.timestamp(),
      reason: PREEMPTION_BY_SCHEDULER,
      message: `${schedulerName}: preempting to accommodate a higher priority pod`,
    });
    const marked = api.updateStatus({ ...current, status: { ...current.status, conditions } }, { actor });
    api.delete("Pod", v.namespace, v.name, { actor });
    events.record(marked, "Normal", "Preempted", `Preempted by pod ${pod.uid} on node ${c.node}`, { component: schedulerName });
    handle.cluster.trace.emit({ time: handle.cluster.clock.now, component: "kube-scheduler", action: "preempt", object: { kind: "Pod", namespace: v.namespace, name: v.name }, detail: { preemptor: pod.key, node: c.node } });
  }
  for (const other of handle.nominatedPodsFor(c.node)) {
    if (other.priority >= pod.priority || other.key === pod.key) continue;
    const current = api.tryGet("Pod", other.namespace, other.name);
    if (current?.status?.nominatedNodeName) api.updateStatus({ ...current, status: { ...current.status, nominatedNodeName: undefined } }, { actor });
  }
}
