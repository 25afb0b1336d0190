/**
 * computePodActions: what the kubelet must do to bring a pod's containers to its spec, from the
 * runtime's state — create or keep the sandbox, which init containers and sidecars to (re)start,
 * which app containers to start, which running containers to kill and why. A pure function, after
 * kuberuntime_manager.go's computePodActions and kuberuntime_container.go's
 * computeInitContainerActions.
 */
import type { Container, Pod } from "kubernetes-types/core/v1";
import { isRestartableInit, restartPolicyOf, shouldRestartOnFailure } from "../format";
import { containerHash, type ContainerRecord, type RuntimePod } from "../runtime-pod";

/** A probe verdict as the results cache holds it. */
export type ProbeVerdict = "success" | "failure";

/** Reads cached probe results by container instance id. */
export interface ProbeResults {
  liveness(containerId: string): ProbeVerdict | undefined;
  startup(containerId: string): ProbeVerdict | undefined;
}

/** Why a container is killed: probe failures use the probe's terminationGracePeriodSeconds. */
export type KillReason = "" | "liveness" | "startup" | "unknown";

export interface ContainerToKill {
  id: string;
  name: string;
  container: Container;
  message: string;
  reason: KillReason;
}

export interface PodActions {
  killPod: boolean;
  createSandbox: boolean;
  /** The current sandbox, if any. */
  sandboxId: string;
  /** The attempt number of the sandbox to create. */
  attempt: number;
  initContainersToStart: number[];
  containersToStart: number[];
  containersToKill: ContainerToKill[];
}

/** PodSandboxChanged: a new sandbox is needed when there is none, or the newest is not ready. */
export function podSandboxChanged(pod: Pod, rp: RuntimePod): { changed: boolean; attempt: number; sandboxId: string } {
  const s = rp.sandboxes[0];
  if (!s) return { changed: true, attempt: 0, sandboxId: "" };
  const ready = rp.sandboxes.filter((x) => x.state === "ready" && x.removedAt === undefined).length;
  if (ready > 1 || s.state !== "ready" || s.removedAt !== undefined) return { changed: true, attempt: s.attempt + 1, sandboxId: s.id };
  if (!pod.spec?.hostNetwork && !s.podIP) return { changed: true, attempt: s.attempt + 1, sandboxId: s.id };
  return { changed: false, attempt: s.attempt, sandboxId: s.id };
}

function state(c: ContainerRecord | undefined): string | undefined {
  return c?.info.state;
}

function succeeded(c: ContainerRecord | undefined): boolean {
  return !!c && c.info.state === "exited" && c.info.exitCode === 0;
}

function initFailed(c: ContainerRecord): boolean {
  if (c.info.state === "exited" && (c.info.exitCode ?? 0) !== 0) return true;
  return c.info.state === "unknown";
}

/** ShouldContainerBeRestarted. */
export function shouldContainerBeRestarted(container: Container, pod: Pod, rp: RuntimePod): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  const status = rp.latest(container.name);
  if (!status) return true;
  const st = status.info.state;
  if (st === "running") return false;
  if (st === "unknown" || st === "created") return true;
  const policy = restartPolicyOf(pod);
  if (policy === "Never") return false;
  if (policy === "OnFailure" && status.info.exitCode === 0) return false;
  return true;
}

/** True when a regular container exists in the created or running state. */
export function hasAnyRegularContainerCreated(pod: Pod, rp: RuntimePod): boolean {
  for (const c of pod.spec?.containers ?? []) {
    const s = state(rp.latest(c.name));
    if (s === "created" || s === "running" || s === "exited") return true;
  }
  return false;
}

function changed(container: Container, rec: ContainerRecord): boolean {
  return containerHash(container) !== rec.hash;
}

/** computeInitContainerActions: returns whether the pod has initialized. */
function computeInitContainerActions(pod: Pod, rp: RuntimePod, probes: ProbeResults, changes: PodActions): boolean {
  const inits = pod.spec?.initContainers ?? [];
  if (inits.length === 0) return true;

  let podHasInitialized = false;
  for (const c of pod.spec?.containers ?? []) {
    const s = state(rp.latest(c.name));
    if (s === "created" || s === "running") {
      podHasInitialized = true;
      break;
    }
  }
  let previouslyInitialized = podHasInitialized;
  const restartOnFailure = shouldRestartOnFailure(pod);
  const toStart: number[] = [];

  for (let i = inits.length - 1; i >= 0; i--) {
    const container = inits[i];
    const status = rp.latest(container.name);
    const restartable = isRestartableInit(container);
    if (!status) {
      if (previouslyInitialized && restartable) toStart.push(i);
      continue;
    }
    if (previouslyInitialized && !restartable) continue;

    switch (status.info.state) {
      case "created":
        toStart.push(i);
        break;
      case "running": {
        if (!restartable) break;
        if (container.startupProbe) {
          const startup = probes.startup(status.id);
          if (startup === undefined) break;
          if (startup === "failure") {
            changes.containersToKill.push({ id: status.id, name: container.name, container, message: `Init container ${container.name} failed startup probe`, reason: "startup" });
            toStart.push(i);
            break;
          }
        }
        if (i === inits.length - 1) podHasInitialized = true;
        else if (!previouslyInitialized) toStart.push(i + 1);
        if (changed(container, status)) {
          changes.containersToKill.push({ id: status.id, name: container.name, container, message: `Init container ${container.name} definition changed`, reason: "" });
          toStart.push(i);
          break;
        }
        if (container.livenessProbe) {
          const liveness = probes.liveness(status.id);
          if (liveness === undefined) break;
          if (liveness === "failure") {
            changes.containersToKill.push({ id: status.id, name: container.name, container, message: `Init container ${container.name} failed liveness probe`, reason: "liveness" });
            toStart.push(i);
          }
        }
        break;
      }
      case "exited":
        if (restartable) {
          toStart.push(i);
        } else if (initFailed(status)) {
          if (!restartOnFailure) {
            changes.killPod = true;
            changes.initContainersToStart = [];
            return false;
          }
          toStart.push(i);
        } else if (i === inits.length - 1) {
          podHasInitialized = true;
        } else {
          toStart.push(i + 1);
        }
        break;
      default:
        if (!restartable && !restartOnFailure) {
          changes.killPod = true;
          changes.initContainersToStart = [];
          return false;
        }
        changes.containersToKill.push({ id: status.id, name: container.name, container, message: `Init container is in "${status.info.state}" state, try killing it before restart`, reason: "unknown" });
        toStart.push(i);
    }
    if (!previouslyInitialized) previouslyInitialized = true;
  }
  if (!previouslyInitialized) toStart.push(0);
  changes.initContainersToStart = toStart.reverse();
  return podHasInitialized;
}

/** computePodActions. */
export function computePodActions(pod: Pod, rp: RuntimePod, probes: ProbeResults): PodActions {
  const sb = podSandboxChanged(pod, rp);
  const changes: PodActions = {
    killPod: sb.changed,
    createSandbox: sb.changed,
    sandboxId: sb.sandboxId,
    attempt: sb.attempt,
    initContainersToStart: [],
    containersToStart: [],
    containersToKill: [],
  };
  const containers = pod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];

  if (sb.changed) {
    if (!shouldRestartOnFailure(pod) && sb.attempt !== 0 && rp.containers.length !== 0) {
      changes.createSandbox = false;
      return changes;
    }
    const toStart: number[] = [];
    containers.forEach((c, idx) => {
      if (restartPolicyOf(pod) === "OnFailure" && succeeded(rp.latest(c.name))) return;
      toStart.push(idx);
    });
    if (toStart.length === 0 && hasAnyRegularContainerCreated(pod, rp)) {
      changes.createSandbox = false;
      return changes;
    }
    if (inits.length !== 0) {
      changes.initContainersToStart = [0];
      return changes;
    }
    changes.containersToStart = toStart;
    return changes;
  }

  const initialized = computeInitContainerActions(pod, rp, probes, changes);
  if (changes.killPod || !initialized) return changes;

  let keepCount = 0;
  containers.forEach((container, idx) => {
    const status = rp.latest(container.name);
    if (!status || status.info.state !== "running") {
      if (shouldContainerBeRestarted(container, pod, rp)) {
        changes.containersToStart.push(idx);
        if (status && status.info.state === "unknown") {
          changes.containersToKill.push({ id: status.id, name: container.name, container, message: `Container is in "unknown" state, try killing it before restart`, reason: "unknown" });
        }
      }
      return;
    }
    let message: string;
    let reason: KillReason = "";
    let restart = shouldRestartOnFailure(pod);
    if (changed(container, status)) {
      message = `Container ${container.name} definition changed`;
      restart = true;
    } else if (probes.liveness(status.id) === "failure") {
      message = `Container ${container.name} failed liveness probe`;
      reason = "liveness";
    } else if (probes.startup(status.id) === "failure") {
      message = `Container ${container.name} failed startup probe`;
      reason = "startup";
    } else {
      keepCount++;
      return;
    }
    if (restart) {
      message = `${message}, will be restarted`;
      changes.containersToStart.push(idx);
    }
    changes.containersToKill.push({ id: status.id, name: container.name, container, message, reason });
  });

  if (keepCount === 0 && changes.containersToStart.length === 0) {
    changes.killPod = true;
    changes.initContainersToStart = [];
  }
  return changes;
}
