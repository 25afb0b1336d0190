/**
 * The read-only runtime view of a pod that the app draws and Kubernetes hides: the sandbox (the
 * Infra/pause container with the pod IP), every container instance with its runtime state, probe
 * results over time, the restart back-off timer, hook runs and volume mounts.
 */
import type { Kubelet } from "./kubelet";
import type { HookRecord } from "./lifecycle/hooks";
import type { ProbeRecord, ProbeType } from "./prober/worker";
import type { StartFailure } from "./status/generate";
import type { VolumeView } from "./volumes/volume-manager";

export interface SandboxView {
  id: string;
  pauseImage: string;
  ip: string;
  state: "ready" | "notready" | "removed";
  createdAt: number;
  attempt: number;
}

export interface ContainerInstanceView {
  id: string;
  attempt: number;
  state: "created" | "running" | "exited" | "unknown" | "removed";
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  memoryBytes: number;
  cpuMilli: number;
}

export interface ContainerView {
  name: string;
  role: "init" | "sidecar" | "app" | "ephemeral";
  image: string;
  /** Newest first. */
  instances: ContainerInstanceView[];
  /** When the restart back-off lets the container start again (virtual ms). */
  backOffUntil?: number;
  /** The last failed start (the waiting reason). */
  lastFailure?: StartFailure;
}

export interface ProbeView {
  container: string;
  type: ProbeType;
  verdict?: "success" | "failure";
  periodSeconds: number;
  history: readonly ProbeRecord[];
}

export interface PodRuntimeView {
  node: string;
  uid: string;
  namespace: string;
  name: string;
  static: boolean;
  worker: string;
  sandbox?: SandboxView;
  sandboxes: SandboxView[];
  containers: ContainerView[];
  probes: ProbeView[];
  hooks: readonly HookRecord[];
  volumes: VolumeView[];
  lastSync?: { at: number; failed: boolean };
}

export function podView(k: Kubelet, uid: string): PodRuntimeView | undefined {
  const w = k.workers.get(uid);
  if (!w) return undefined;
  const pr = w.pr;
  const rt = k.ctx.runtime;
  const sandboxes: SandboxView[] = pr.rp.sandboxes.map((s) => ({
    id: s.id,
    pauseImage: s.pauseImage,
    ip: s.podIP,
    state: s.removedAt !== undefined ? "removed" : s.state,
    createdAt: s.createdAt,
    attempt: s.attempt,
  }));
  const spec = pr.apiPod.spec;
  const all = [
    ...(spec?.initContainers ?? []).map((c) => ({ c, role: (c.restartPolicy === "Always" ? "sidecar" : "init") as ContainerView["role"] })),
    ...(spec?.containers ?? []).map((c) => ({ c, role: "app" as const })),
  ];
  const containers: ContainerView[] = all.map(({ c, role }) => {
    const instances = pr.rp.containers
      .filter((r) => r.name === c.name)
      .map((r) => {
        const info = r.removed ? r.info : (rt.containerStatus(r.id) ?? r.info);
        const v: ContainerInstanceView = { id: r.id, attempt: r.attempt, state: r.removed ? "removed" : info.state, createdAt: r.createdAt, memoryBytes: info.memoryBytes, cpuMilli: info.cpuMilli };
        if (info.startedAt !== undefined) v.startedAt = info.startedAt;
        if (info.finishedAt !== undefined) v.finishedAt = info.finishedAt;
        if (info.exitCode !== undefined) v.exitCode = info.exitCode;
        if (info.reason) v.reason = info.reason;
        return v;
      });
    const view: ContainerView = { name: c.name, role, image: c.image ?? "", instances };
    const until = pr.backOffUntil.get(c.name);
    if (until !== undefined && until > k.cluster.clock.now) view.backOffUntil = until;
    const failure = pr.reasons.get(c.name);
    if (failure) view.lastFailure = failure;
    return view;
  });
  const probes: ProbeView[] = k.probes.workersOf(uid).map((pw) => ({
    container: pw.container.name,
    type: pw.type,
    ...(pw.verdict ? { verdict: pw.verdict } : {}),
    periodSeconds: pw.period / 1000,
    history: [...pw.history],
  }));
  return {
    node: k.nodeName,
    uid,
    namespace: pr.namespace,
    name: pr.name,
    static: pr.isStatic,
    worker: w.state,
    ...(sandboxes[0] ? { sandbox: sandboxes[0] } : {}),
    sandboxes,
    containers,
    probes,
    hooks: [...pr.hooks],
    volumes: k.volumes.view(uid),
    ...(w.lastSync ? { lastSync: w.lastSync } : {}),
  };
}
