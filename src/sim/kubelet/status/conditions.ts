/**
 * The kubelet-owned pod conditions Initialized, ContainersReady and Ready with Kubernetes' reasons
 * and messages (pkg/kubelet/status/generate.go).
 */
import type { ContainerStatus, Pod, PodCondition } from "kubernetes-types/core/v1";
import { isRestartableInit } from "../format";
import { hasAnyRegularContainerStarted, type PodPhase } from "./phase";

function find(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  for (const s of statuses) if (s.name === name) return s;
  return undefined;
}

const list = (names: string[]) => `[${names.join(" ")}]`;

export function generateContainersReady(pod: Pod, statuses: readonly ContainerStatus[], phase: PodPhase | undefined): PodCondition {
  const unknown: string[] = [];
  const unready: string[] = [];
  for (const c of pod.spec?.initContainers ?? []) {
    if (!isRestartableInit(c)) continue;
    const s = find(statuses, c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  for (const c of pod.spec?.containers ?? []) {
    const s = find(statuses, c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if ((phase === "Succeeded" && unknown.length === 0) || phase === "Failed") {
    return { type: "ContainersReady", status: "False", reason: phase === "Failed" ? "PodFailed" : "PodCompleted" };
  }
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${list(unknown)}`);
  if (unready.length > 0) messages.push(`containers with unready status: ${list(unready)}`);
  if (messages.length > 0) return { type: "ContainersReady", status: "False", reason: "ContainersNotReady", message: messages.join(", ") };
  return { type: "ContainersReady", status: "True" };
}

/** Ready, from ContainersReady (`cr`, when the caller has it already) and the readiness gates. */
export function generatePodReady(pod: Pod, conditions: readonly PodCondition[], statuses: readonly ContainerStatus[], phase: PodPhase | undefined, cr = generateContainersReady(pod, statuses, phase)): PodCondition {
  if (cr.status !== "True") return { type: "Ready", status: cr.status, ...(cr.reason ? { reason: cr.reason } : {}), ...(cr.message ? { message: cr.message } : {}) };
  const messages: string[] = [];
  for (const rg of pod.spec?.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === rg.conditionType);
    if (!c) messages.push(`corresponding condition of pod readiness gate "${rg.conditionType}" does not exist.`);
    else if (c.status !== "True") messages.push(`the status of pod readiness gate "${rg.conditionType}" is not "True", but ${c.status}`);
  }
  if (messages.length > 0) return { type: "Ready", status: "False", reason: "ReadinessGatesNotReady", message: messages.join(", ") };
  return { type: "Ready", status: "True" };
}

export function generateInitialized(pod: Pod, statuses: readonly ContainerStatus[], phase: PodPhase | undefined): PodCondition {
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of pod.spec?.initContainers ?? []) {
    const s = find(statuses, c.name);
    if (!s) {
      unknown.push(c.name);
      continue;
    }
    const done = isRestartableInit(c) ? !!s.started : !!s.ready;
    if (!done) incomplete.push(c.name);
  }
  if (phase === "Succeeded" && unknown.length === 0) return { type: "Initialized", status: "True", reason: "PodCompleted" };
  if (hasAnyRegularContainerStarted(pod, statuses)) return { type: "Initialized", status: "True" };
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${list(unknown)}`);
  if (incomplete.length > 0) messages.push(`containers with incomplete status: ${list(incomplete)}`);
  if (messages.length > 0) return { type: "Initialized", status: "False", reason: "ContainersNotInitialized", message: messages.join(", ") };
  return { type: "Initialized", status: "True" };
}
