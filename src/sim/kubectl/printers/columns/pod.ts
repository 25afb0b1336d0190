/**
 * The pod table (printPod): NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES.
 * STATUS is computed from the pod's status exactly as kubectl does: the phase or status.reason,
 * SchedulingGated, the first unfinished init container (Init:N/M, Init:<reason>, Init:ExitCode:N),
 * then the app containers from last to first (waiting and terminated reasons), Completed turned back
 * into Running/NotReady while a container still runs, Terminating and Unknown (node lost) for pods
 * being deleted. RESTARTS adds "(5s ago)" from the latest lastState.terminated.finishedAt.
 */
import type { Container, ContainerStatus, Pod, PodCondition } from "kubernetes-types/core/v1";
import type { KObject } from "../../../api/types";
import { humanDuration, parseTime } from "../duration";
import { AGE, NAME, n, wide, type Cell, type PrintContext, type TableDef } from "./types";

/** The reason the node lifecycle controller sets on pods of an unreachable node. */
export const NODE_UNREACHABLE_POD_REASON = "NodeLost";

function isRestartableInitContainer(c: Container | undefined): boolean {
  return c?.restartPolicy === "Always";
}

function hasCondition(conditions: PodCondition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((c) => c.type === type && c.status === "True");
}

function isInitializedTrue(conditions: PodCondition[] | undefined): boolean {
  const c = (conditions ?? []).find((x) => x.type === "Initialized");
  return c?.status === "True";
}

function isTerminalPhase(phase: string): boolean {
  return phase === "Failed" || phase === "Succeeded";
}

/** The READY, STATUS and RESTARTS cells of a pod. */
export function podStatusCells(pod: Pod, nowMs: number): { ready: string; status: string; restarts: string } {
  const spec = pod.spec ?? ({ containers: [] } as NonNullable<Pod["spec"]>);
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestartDate = -Infinity;
  let lastRestartableInitRestartDate = -Infinity;

  const phase = status.phase ?? "";
  let reason: string = phase;
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === "PodScheduled" && c.reason === "SchedulingGated") reason = "SchedulingGated";
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    restarts += n(container.restartCount);
    const finished = parseTime(container.lastState?.terminated?.finishedAt);
    if (container.lastState?.terminated && finished !== undefined && finished > lastRestartDate) lastRestartDate = finished;
    const restartable = isRestartableInitContainer(initContainers.get(container.name));
    if (restartable) {
      restartableInitRestarts += n(container.restartCount);
      if (container.lastState?.terminated && finished !== undefined && finished > lastRestartableInitRestartDate) lastRestartableInitRestartDate = finished;
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && n(terminated.exitCode) === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = n(terminated.signal) !== 0 ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${n(terminated.exitCode)}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting && waiting.reason && waiting.reason !== "PodInitializing") {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || isInitializedTrue(status.conditions)) {
    restarts = restartableInitRestarts;
    lastRestartDate = lastRestartableInitRestartDate;
    let hasRunning = false;
    const statuses: ContainerStatus[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts += n(container.restartCount);
      const finished = parseTime(container.lastState?.terminated?.finishedAt);
      if (container.lastState?.terminated && finished !== undefined && finished > lastRestartDate) lastRestartDate = finished;
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (terminated && terminated.reason) {
        reason = terminated.reason;
      } else if (terminated && !terminated.reason) {
        reason = n(terminated.signal) !== 0 ? `Signal:${terminated.signal}` : `ExitCode:${n(terminated.exitCode)}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      reason = hasCondition(status.conditions, "Ready") ? "Running" : "NotReady";
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = "Unknown";
  } else if (pod.metadata?.deletionTimestamp && !isTerminalPhase(phase)) {
    reason = "Terminating";
  }

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestartDate !== -Infinity) restartsStr = `${restarts} (${humanDuration(nowMs - lastRestartDate)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsStr };
}

export const podTable: TableDef = {
  columns: [NAME, { name: "Ready" }, { name: "Status" }, { name: "Restarts" }, AGE, ...wide("IP", "Node", "Nominated Node", "Readiness Gates")],
  row(obj: KObject, ctx: PrintContext): Cell[] {
    const pod = obj as Pod;
    const cells = podStatusCells(pod, ctx.clock.unixMs);
    const created = parseTime(pod.metadata?.creationTimestamp);
    const ageCell = created === undefined ? "<unknown>" : humanDuration(ctx.clock.unixMs - created);
    const row: Cell[] = [pod.metadata?.name ?? "", cells.ready, cells.status, cells.restarts, ageCell];
    const podIPs = pod.status?.podIPs ?? [];
    const podIP = podIPs.length > 0 && podIPs[0].ip ? podIPs[0].ip : "<none>";
    let gates = "<none>";
    const readinessGates = pod.spec?.readinessGates ?? [];
    if (readinessGates.length > 0) {
      let trueConditions = 0;
      for (const g of readinessGates) {
        const c = (pod.status?.conditions ?? []).find((x) => x.type === g.conditionType);
        if (c?.status === "True") trueConditions++;
      }
      gates = `${trueConditions}/${readinessGates.length}`;
    }
    row.push(podIP, pod.spec?.nodeName || "<none>", pod.status?.nominatedNodeName || "<none>", gates);
    return row;
  },
};
