/**
 * The runtime half of a pod sync (kuberuntime_manager.go SyncPod and KillPod): compute the actions,
 * kill what must go, create the sandbox (an IP from the node's range, the pause container), start
 * init containers in order and sidecars, then the app containers — each start checked against the
 * container's restart back-off (`Back-off restarting failed container ...`, CrashLoopBackOff).
 */
import type { Container, Pod } from "kubernetes-types/core/v1";
import { formatGoDuration } from "../../clock";
import type { PullAuth, SandboxConfig } from "../../runtime/cri";
import { WaitingReason } from "../events";
import { Cancelled, Fiber } from "../fiber";
import { formatPod, isRestartableInit } from "../format";
import type { SandboxRecord } from "../runtime-pod";
import { containerHash } from "../runtime-pod";
import { kubeletDelay } from "../timings";
import { killContainer, startContainer, type StartResult } from "./containers";
import type { RuntimeDeps } from "./deps";
import { etcHosts, podHostname, resolvConf } from "./etc-files";
import { computePodActions } from "./pod-actions";
import type { PodRecord } from "./pod-record";
import { TerminationOrdering } from "./termination-order";

export interface RuntimeSyncResult {
  starts: StartResult[];
  /** A step failed (sandbox, kill, or a start): the pod worker retries after the back-off period. */
  failed: boolean;
  /** The sync changed what runs (the PLEG will see it on its next relist). */
  changed: boolean;
}

/** GetStableKey: the restart back-off key of a container (its spec hash included). */
export function backOffKey(pod: Pod, container: Container): string {
  return `${pod.metadata?.name}_${pod.metadata?.namespace}_${pod.metadata?.uid}_${container.name}_${containerHash(container)}`;
}

/** Runs tasks as parallel fibers and parks until all have ended. */
export async function runAll(fiber: Fiber, d: RuntimeDeps, label: string, tasks: ((f: Fiber) => Promise<void>)[]): Promise<void> {
  let remaining = tasks.length;
  if (remaining === 0) return;
  let wake: (() => void) | undefined;
  let error: unknown;
  const settled: Promise<void>[] = [];
  for (const task of tasks) {
    const child = Fiber.start(d.ctx.cluster.clock, label, async (f) => {
      try {
        await task(f);
      } catch (e) {
        if (!(e instanceof Cancelled)) error = e;
      } finally {
        remaining--;
        if (remaining === 0) wake?.();
      }
    });
    settled.push(child.settled);
  }
  await Promise.all(settled);
  if (remaining > 0) await fiber.suspend<void>((resume) => void (wake = () => resume(undefined)));
  if (error) throw error;
}

export async function createSandbox(d: RuntimeDeps, fiber: Fiber, pr: PodRecord, pod: Pod, attempt: number): Promise<SandboxRecord | undefined> {
  const { ctx } = d;
  const hostNetwork = !!pod.spec?.hostNetwork;
  let ip = hostNetwork ? ctx.nodeIP : "";
  ctx.trace("sandbox-create", pod, { attempt, pauseImage: "registry.k8s.io/pause:3.10", phase: "start" }, "containerd");
  await fiber.sleep(kubeletDelay(ctx.cluster, "sandboxCreate"));
  if (!hostNetwork) {
    const got = d.ipam.allocate();
    if (!got) {
      ctx.event(pod, "Warning", "FailedCreatePodSandBox", `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="ptp" failed (add): failed to allocate for range 0: no IP addresses available in range set`);
      return undefined;
    }
    ip = got;
    ctx.trace("ip-assign", pod, { ip }, "cni");
  }
  const ports: SandboxConfig["portMappings"] = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) if (p.hostPort) ports.push({ containerPort: p.containerPort, hostPort: p.hostPort, protocol: p.protocol ?? "TCP" });
  }
  const config: SandboxConfig = {
    podUID: pr.uid,
    podName: pod.metadata?.name ?? "",
    namespace: pod.metadata?.namespace ?? "default",
    hostname: hostNetwork ? ctx.nodeName : podHostname(pod).hostname,
    podIP: ip,
    hostNetwork,
    etcHosts: etcHosts(pod, ip ? [ip] : [], { name: ctx.nodeName, ip: ctx.nodeIP }),
    resolvConf: resolvConf(pod),
    shareProcessNamespace: !!pod.spec?.shareProcessNamespace,
    portMappings: ports,
  };
  let info;
  try {
    info = ctx.runtime.runPodSandbox(config);
  } catch (e) {
    if (!hostNetwork) d.ipam.release(ip);
    ctx.event(pod, "Warning", "FailedCreatePodSandBox", `Failed to create pod sandbox: ${(e as Error).message}`);
    return undefined;
  }
  const rec = pr.rp.addSandbox(info, attempt);
  ctx.trace("sandbox-create", pod, { id: info.id, ip, attempt, pauseImage: info.pauseImage, phase: "done" }, "containerd");
  return rec;
}

/** StopPodSandbox: the pause container stops and the CNI plugin gives the IP back. */
export function stopSandboxes(d: RuntimeDeps, pr: PodRecord, pod: Pod): void {
  for (const s of pr.rp.sandboxes) {
    if (s.state !== "ready" || s.removedAt !== undefined) continue;
    d.ctx.runtime.stopPodSandbox(s.id);
    s.state = "notready";
    if (!pod.spec?.hostNetwork && s.podIP) {
      d.ipam.release(s.podIP);
      d.ctx.trace("ip-release", pod, { ip: s.podIP }, "cni");
    }
    d.ctx.trace("sandbox-stop", pod, { id: s.id }, "containerd");
  }
}

/** RemovePodSandbox: the sandbox and every container instance go (logs stay readable). */
export function removeSandboxes(d: RuntimeDeps, pr: PodRecord, pod: Pod): void {
  stopSandboxes(d, pr, pod);
  for (const c of pr.rp.containers) {
    if (c.removed) continue;
    d.ctx.runtime.removeContainer(c.id);
    c.removed = true;
  }
  for (const s of pr.rp.sandboxes) {
    if (s.removedAt !== undefined) continue;
    d.ctx.runtime.removePodSandbox(s.id);
    s.removedAt = d.ctx.now;
    d.ctx.trace("sandbox-remove", pod, { id: s.id }, "containerd");
  }
}

/** KillPod: stops every running container (app containers first, sidecars after, in reverse) and the sandbox. */
export async function killPod(d: RuntimeDeps, fiber: Fiber, pr: PodRecord, pod: Pod, graceOverride?: number): Promise<void> {
  const seen = new Set<string>();
  const live = pr.rp.live().filter((c) => {
    if (seen.has(c.name)) return false;
    seen.add(c.name);
    return true;
  });
  const hasSidecars = (pod.spec?.initContainers ?? []).some(isRestartableInit);
  const ordering = hasSidecars ? new TerminationOrdering(pod, live.map((c) => c.name)) : undefined;
  await runAll(
    fiber,
    d,
    `kill ${pod.metadata?.name}`,
    live.map((rec) => (f: Fiber) => killContainer(d, f, pr, pod, rec, "", "", graceOverride, ordering)),
  );
  stopSandboxes(d, pr, pod);
}

/** Keeps the newest two instances of every container (the current one and the previous one). */
function pruneDeadContainers(d: RuntimeDeps, pr: PodRecord): void {
  const count = new Map<string, number>();
  for (const c of pr.rp.containers) {
    const n = (count.get(c.name) ?? 0) + 1;
    count.set(c.name, n);
    if (n > 2 && !c.removed && c.info.state === "exited") {
      d.ctx.runtime.removeContainer(c.id);
      c.removed = true;
    }
  }
}

/** The runtime's SyncPod. */
export async function syncPodRuntime(d: RuntimeDeps, fiber: Fiber, pr: PodRecord, pod: Pod, auth: PullAuth | undefined): Promise<RuntimeSyncResult> {
  const { ctx } = d;
  const rp = pr.rp;
  rp.refresh(ctx.runtime);
  const actions = computePodActions(pod, rp, d.probes);
  const result: RuntimeSyncResult = { starts: [], failed: false, changed: false };

  if (actions.createSandbox && actions.sandboxId) ctx.event(pod, "Normal", "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.");
  if (actions.killPod) {
    if (rp.live().length > 0 || rp.sandboxes.some((s) => s.state === "ready")) result.changed = true;
    await killPod(d, fiber, pr, pod);
    if (actions.createSandbox) {
      for (const c of rp.containers) {
        if (c.kind !== "init" || c.removed) continue;
        ctx.runtime.removeContainer(c.id);
        c.removed = true;
      }
    }
  } else {
    for (const k of actions.containersToKill) {
      const rec = rp.byId(k.id);
      if (!rec) continue;
      result.changed = true;
      await killContainer(d, fiber, pr, pod, rec, k.message, k.reason);
    }
  }
  pruneDeadContainers(d, pr);

  let sandbox = rp.sandbox;
  if (actions.createSandbox) {
    const created = await createSandbox(d, fiber, pr, pod, actions.attempt);
    result.changed = true;
    if (!created) {
      result.failed = true;
      return result;
    }
    sandbox = created;
  }
  if (!sandbox || sandbox.state !== "ready") return result;

  const start = async (container: Container, kind: "init" | "sidecar" | "app"): Promise<StartResult> => {
    const latest = rp.latest(container.name);
    if (latest && latest.info.state === "exited") {
      const key = backOffKey(pod, container);
      const finishedAt = latest.info.finishedAt ?? latest.createdAt;
      if (d.crashLoopBackOff.isInBackOffSince(key, finishedAt, ctx.now)) {
        const delay = d.crashLoopBackOff.get(key);
        pr.setBackOff(container.name, finishedAt + delay);
        ctx.event(pod, "Warning", "BackOff", `Back-off restarting failed container ${container.name} in pod ${formatPod(pod)}`, container.name);
        return { name: container.name, ok: false, reason: WaitingReason.CrashLoopBackOff, message: `back-off ${formatGoDuration(delay)} restarting failed container=${container.name} pod=${formatPod(pod)}` };
      }
      d.crashLoopBackOff.next(key, finishedAt, ctx.now);
      pr.setBackOff(container.name, undefined);
    }
    const r = await startContainer(d, fiber, pr, pod, container, kind, sandbox!, auth);
    if (r.created) result.changed = true;
    return r;
  };

  const inits = pod.spec?.initContainers ?? [];
  for (const idx of actions.initContainersToStart) {
    const c = inits[idx];
    const r = await start(c, isRestartableInit(c) ? "sidecar" : "init");
    result.starts.push(r);
    if (!r.ok) {
      result.failed = true;
      if (isRestartableInit(c)) continue;
      return result;
    }
  }
  const containers = pod.spec?.containers ?? [];
  for (const idx of actions.containersToStart) {
    const r = await start(containers[idx], "app");
    result.starts.push(r);
    if (!r.ok) result.failed = true;
  }
  return result;
}
