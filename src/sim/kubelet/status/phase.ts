/**
 * getPhase: the pod phase from its container statuses, as the kubelet computes it (kubelet_pods.go),
 * including native sidecars: Pending until every regular init container has succeeded and every
 * container has started; Running while any container runs or restarts; Succeeded or Failed when all
 * have stopped and none will restart.
 */
import type { Container, ContainerStatus, Pod } from "kubernetes-types/core/v1";
import { isRestartableInit, restartPolicyOf } from "../format";

export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";

function find(info: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  for (const s of info) if (s.name === name) return s;
  return undefined;
}

function isRegular(containers: readonly Container[], name: string): boolean {
  for (const c of containers) if (c.name === name) return true;
  return false;
}

/** HasAnyRegularContainerStarted: a regular container has run (or is running). */
export function hasAnyRegularContainerStarted(pod: Pod, statuses: readonly ContainerStatus[]): boolean {
  // Looked up in the spec's list, without a set made per call: a pod has few containers, and this
  // runs at every status update.
  const containers = pod.spec?.containers ?? [];
  for (const s of statuses) {
    if (!isRegular(containers, s.name)) continue;
    if (s.state?.running || s.state?.terminated) return true;
  }
  return false;
}

export function getPhase(pod: Pod, info: readonly ContainerStatus[], podIsTerminal: boolean, podHasInitialized: boolean): PodPhase {
  const spec = pod.spec ?? { containers: [] };
  const policy = restartPolicyOf(pod);
  let pendingRestartableInit = 0;
  let pendingRegularInit = 0;
  let failedInitialization = 0;

  for (const c of spec.initContainers ?? []) {
    if (isRestartableInit(c)) continue;
    const s = find(info, c.name);
    if (!s) {
      pendingRegularInit++;
      continue;
    }
    if (s.state?.running) pendingRegularInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingRegularInit++;
    } else pendingRegularInit++;
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;

  for (const c of spec.initContainers ?? []) {
    if (!isRestartableInit(c)) continue;
    const s = find(info, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) {
      if (!s.started) pendingRestartableInit++;
      running++;
    } else if (s.state?.terminated) {
      // Stopped sidecars do not count for the phase.
    } else if (s.state?.waiting) {
      if (!s.lastState?.terminated) {
        pendingRestartableInit++;
        waiting++;
      }
    } else {
      pendingRestartableInit++;
      unknown++;
    }
  }

  for (const c of spec.containers ?? []) {
    const s = find(info, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }

  if (failedInitialization > 0 && policy === "Never") return "Failed";

  if (pendingRegularInit > 0 || (pendingRestartableInit > 0 && !podHasInitialized) || waiting > 0) return "Pending";
  if (running > 0 && unknown === 0) return "Running";
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal && !isStatic(pod)) return stopped === succeeded ? "Succeeded" : "Failed";
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (policy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

function isStatic(pod: Pod): boolean {
  const src = pod.metadata?.annotations?.["kubernetes.io/config.source"];
  return src !== undefined && src !== "api";
}
