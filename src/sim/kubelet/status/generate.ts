/**
 * generateAPIPodStatus: the Pod API status the kubelet reports, built from the runtime's view of the
 * pod (RuntimePod), the previous status, the reasons of the last failed starts (the reason cache) and
 * the probers' verdicts — containerStatuses with state/lastState/restartCount/ready/started, the phase,
 * the kubelet-owned conditions, pod and host IPs, QoS class. After kubelet_pods.go.
 */
import type { Container, ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from "kubernetes-types/core/v1";
import { isRestartableInit } from "../format";
import { normalizeImage } from "../images/reference";
import { shouldContainerBeRestarted } from "../pods/pod-actions";
import type { ContainerRecord, RuntimePod } from "../runtime-pod";
import { generateContainersReady, generateInitialized, generatePodReady } from "./conditions";
import { getPhase, hasAnyRegularContainerStarted, type PodPhase } from "./phase";
import { qosClass } from "./qos";

/** The last start failure of a container (kubelet's reasonCache). */
export interface StartFailure {
  reason: string;
  message: string;
}

/** What the probers say about a container, for `started` and `ready`. */
export interface ProbeStatus {
  /** Startup probe succeeded, or there is none. */
  started(podUID: string, containerName: string, containerId: string): boolean;
  /** Readiness probe succeeded, or there is none. */
  ready(podUID: string, containerName: string, containerId: string): boolean;
}

export interface GenerateInput {
  pod: Pod;
  rp: RuntimePod;
  /** The status manager's last status, or the API's. */
  oldStatus: PodStatus;
  podIsTerminal: boolean;
  reasons: ReadonlyMap<string, StartFailure>;
  probes: ProbeStatus;
  hostIP: string;
  /** RFC 3339 of a virtual instant. */
  timestamp(ms: number): string;
}

const KUBELET_CONDITIONS = new Set(["PodScheduled", "Ready", "Initialized", "ContainersReady", "PodReadyToStartContainers"]);

/** True for the condition types the kubelet owns (PodConditionByKubelet). */
export function isKubeletCondition(type: string): boolean {
  return KUBELET_CONDITIONS.has(type);
}

export function generateAPIPodStatus(input: GenerateInput): PodStatus {
  const { pod, rp, oldStatus } = input;
  const spec = pod.spec ?? { containers: [] };
  const hasInit = (spec.initContainers ?? []).length > 0;
  const s: PodStatus = {};

  const ips = pod.spec?.hostNetwork ? (input.hostIP ? [input.hostIP] : []) : rp.ips;
  const containerStatuses = convertContainerStatuses(input, oldStatus.containerStatuses, spec.containers ?? [], hasInit, false);
  const initStatuses = convertContainerStatuses(input, oldStatus.initContainerStatuses, spec.initContainers ?? [], hasInit, true);
  applyProbeStatus(input, containerStatuses, initStatuses);

  const all = [...containerStatuses, ...initStatuses];
  let phase = getPhase(pod, all, input.podIsTerminal, hasAnyRegularContainerStarted(pod, containerStatuses));
  const terminal = (p: string | undefined) => p === "Failed" || p === "Succeeded";
  // Pods never leave a terminal phase; the reason and message that came with it stay too
  // (DeadlineExceeded, Evicted).
  const settled = terminal(oldStatus.phase) ? oldStatus : terminal(pod.status?.phase) ? pod.status! : undefined;
  if (settled) phase = settled.phase as typeof phase;
  s.phase = phase;
  const phaseNow = s.phase as PodPhase;
  const source = settled ?? (phase === oldStatus.phase ? oldStatus : undefined);
  if (source) {
    const reason = source.reason || (phase === pod.status?.phase ? pod.status?.reason : undefined);
    const message = source.message || (phase === pod.status?.phase ? pod.status?.message : undefined);
    if (reason) s.reason = reason;
    if (message) s.message = message;
  }

  const conditions: PodCondition[] = [];
  for (const c of pod.status?.conditions ?? []) if (!isKubeletCondition(c.type)) conditions.push(c);
  const disruption = oldStatus.conditions?.find((c) => c.type === "DisruptionTarget");
  if (disruption && !conditions.some((c) => c.type === "DisruptionTarget")) conditions.push(disruption);
  const sandbox = rp.sandbox;
  const sandboxReady = !!sandbox && sandbox.state === "ready" && sandbox.removedAt === undefined && (!!sandbox.podIP || !!pod.spec?.hostNetwork);
  conditions.push({ type: "PodReadyToStartContainers", status: sandboxReady ? "True" : "False" });
  const allForConditions = [...initStatuses, ...containerStatuses];
  conditions.push(generateInitialized(pod, allForConditions, phaseNow));
  const containersReady = generateContainersReady(pod, allForConditions, phaseNow);
  conditions.push(generatePodReady(pod, conditions, allForConditions, phaseNow, containersReady));
  conditions.push(containersReady);
  conditions.push({ type: "PodScheduled", status: "True" });
  s.conditions = conditions;

  if (input.hostIP) {
    s.hostIP = input.hostIP;
    s.hostIPs = [{ ip: input.hostIP }];
  }
  if (ips.length > 0) {
    s.podIP = ips[0];
    s.podIPs = ips.map((ip) => ({ ip }));
  } else if (oldStatus.podIP && rp.sandboxes.length > 0 && input.podIsTerminal) {
    // A terminated pod keeps reporting the IP it had.
    s.podIP = oldStatus.podIP;
    s.podIPs = oldStatus.podIPs;
  }
  if (initStatuses.length > 0) s.initContainerStatuses = initStatuses;
  s.containerStatuses = containerStatuses;
  s.qosClass = qosClass(pod);
  return s;
}

function convertOne(input: GenerateInput, rec: ContainerRecord, old: ContainerStatus | undefined): ContainerStatus {
  const info = rec.info;
  const cid = `containerd://${rec.id}`;
  const status: ContainerStatus = {
    name: rec.name,
    image: normalizeImage(rec.image),
    imageID: info.imageRef ?? "",
    containerID: cid,
    ready: false,
    restartCount: rec.attempt,
    state: {},
    lastState: {},
  };
  const state: ContainerState = {};
  switch (info.state) {
    case "running":
      state.running = { startedAt: input.timestamp(info.startedAt ?? rec.createdAt) };
      break;
    case "created":
      state.waiting = {};
      break;
    case "exited": {
      const t: NonNullable<ContainerState["terminated"]> = {
        exitCode: info.exitCode ?? 0,
        reason: info.reason ?? (info.exitCode === 0 ? "Completed" : "Error"),
        startedAt: info.startedAt !== undefined ? input.timestamp(info.startedAt) : undefined,
        finishedAt: input.timestamp(info.finishedAt ?? rec.createdAt),
        containerID: cid,
      };
      if (info.message) t.message = info.message;
      if (t.startedAt === undefined) delete t.startedAt;
      state.terminated = t;
      break;
    }
    default:
      if (old?.state?.running) {
        state.terminated = { reason: "ContainerStatusUnknown", message: "The container could not be located when the pod was terminated", exitCode: 137 };
        status.restartCount = (old.restartCount ?? 0) + 1;
      } else state.waiting = {};
  }
  status.state = state;
  if (info.state === "running" && old?.started !== undefined) status.started = old.started;
  return status;
}

function convertContainerStatuses(input: GenerateInput, previous: ContainerStatus[] | undefined, containers: Container[], hasInit: boolean, isInit: boolean): ContainerStatus[] {
  if (containers.length === 0) return [];
  const { pod, rp } = input;
  // A pod has a few containers: lookups by name walk the lists instead of building maps, which
  // every status of every pod paid for (two generations per sync).
  const defaultState: ContainerState = { waiting: { reason: hasInit ? "PodInitializing" : "ContainerCreating" } };
  // Built by map, not grown by push: the list stays in the stored status, and a grown one keeps room for sixteen more.
  const statuses = containers.map((c) => {
    let status: ContainerStatus = { name: c.name, image: c.image ?? "", imageID: "", ready: false, restartCount: 0, state: { ...defaultState }, lastState: {} };
    const old = named(previous, c.name);
    if (old) {
      if (old.state?.terminated) status = { ...old };
      else {
        status.restartCount = old.restartCount;
        status.lastState = old.lastState;
      }
    }
    if (c.volumeMounts && c.volumeMounts.length > 0) {
      status.volumeMounts = c.volumeMounts.map((m) => ({
        name: m.name,
        mountPath: m.mountPath,
        ...(m.readOnly ? { readOnly: true, recursiveReadOnly: "Disabled" } : {}),
      }));
    }
    return status;
  });
  // The newest two instances of each container (the runtime lists them newest first): the state and the last state.
  const seen = new Array<number>(containers.length).fill(0);
  for (const rec of rp.containers) {
    const i = indexNamed(containers, rec.name);
    if (i < 0 || seen[i] >= 2) continue;
    const base = statuses[i];
    const converted = convertOne(input, rec, named(previous, rec.name));
    if (base.volumeMounts) converted.volumeMounts = base.volumeMounts;
    if (seen[i] === 0) statuses[i] = converted;
    else base.lastState = converted.state;
    seen[i]++;
  }
  containers.forEach((c, i) => {
    if (isInit) {
      const latest = rp.latest(c.name);
      if (latest && latest.info.state === "exited" && latest.info.exitCode === 0) return;
    }
    if (!shouldContainerBeRestarted(c, pod, rp)) return;
    const failure = input.reasons.get(c.name);
    if (!failure) return;
    const status = statuses[i];
    if (status.state?.terminated) status.lastState = status.state;
    status.state = { waiting: { reason: failure.reason, ...(failure.message ? { message: failure.message } : {}) } };
  });
  return statuses;
}

function named(list: ContainerStatus[] | undefined, name: string): ContainerStatus | undefined {
  if (list) for (const s of list) if (s.name === name) return s;
  return undefined;
}

function indexNamed(list: Container[], name: string): number {
  for (let i = 0; i < list.length; i++) if (list[i].name === name) return i;
  return -1;
}

/** The prober manager's UpdatePodStatus: `started` and `ready` of every container. */
function applyProbeStatus(input: GenerateInput, containers: ContainerStatus[], inits: ContainerStatus[]): void {
  const uid = input.pod.metadata?.uid ?? "";
  const idOf = (s: ContainerStatus) => (s.containerID ?? "").replace("containerd://", "");
  const initSpecs = input.pod.spec?.initContainers ?? [];
  inits.forEach((s, i) => {
    const running = !!s.state?.running;
    s.started = running ? input.probes.started(uid, s.name, idOf(s)) : false;
    const spec = initSpecs[i];
    if (spec && !isRestartableInit(spec)) {
      s.ready = !!s.state?.terminated && s.state.terminated.exitCode === 0;
      return;
    }
    s.ready = running && s.started && input.probes.ready(uid, s.name, idOf(s));
  });
  for (const s of containers) {
    const running = !!s.state?.running;
    s.started = running ? input.probes.started(uid, s.name, idOf(s)) : false;
    s.ready = running && input.probes.ready(uid, s.name, idOf(s));
  }
}
