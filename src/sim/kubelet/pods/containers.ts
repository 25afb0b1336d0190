/**
 * Starting and stopping one container, as kuberuntime_container.go does: ensure the image, build the
 * container config (environment, mounts, security), create it (`Created`), start it (`Started`), run
 * its postStart hook (a failing hook kills it: FailedPostStartHook, PostStartHookError); and to stop
 * it, `Killing`, the preStop hook within the grace period, SIGTERM, then SIGKILL when the grace
 * period (pod, deletion or probe level, at least 2 s) runs out.
 */
import type { Container, Pod } from "kubernetes-types/core/v1";
import { milliCPU, parseQuantity } from "../../api/quantity";
import { ContainerCreateError, type ContainerConfig, type PullAuth } from "../../runtime/cri";
import { ContainerConfigError, expandCommand, makeEnvironment } from "../env/environment";
import { WaitingReason } from "../events";
import type { Fiber } from "../fiber";
import { findContainer, sharedMessage, type ContainerKind } from "../format";
import { handlerKind, runHook } from "../lifecycle/hooks";
import type { KillReason } from "./pod-actions";
import { containerHash, type ContainerRecord, type SandboxRecord } from "../runtime-pod";
import { kubeletDelay, kubeletTiming } from "../timings";
import type { RuntimeDeps } from "./deps";
import type { PodRecord } from "./pod-record";
import { effectiveSecurity, verifyRunAsNonRoot, type ImageUserSource } from "./security";
import type { TerminationOrdering } from "./termination-order";

export interface StartResult {
  name: string;
  ok: boolean;
  /** A container instance was created (the runtime's state changed). */
  created?: boolean;
  reason?: string;
  message?: string;
}

/** The environment as the runtime keeps it, copied without the [name, value] pair per entry fromEntries makes. */
function envObject(env: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  env.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

function buildConfig(d: RuntimeDeps, pr: PodRecord, pod: Pod, container: Container, kind: ContainerKind, attempt: number): ContainerConfig {
  const ctx = d.ctx;
  const env = makeEnvironment({
    pod,
    container,
    store: ctx.cluster.store,
    facts: d.facts(pr),
    allocatable: ctx.allocatable(),
    serviceEnv: d.serviceEnv(pod),
    event: (type, reason, message) => ctx.event(pod, type, reason, message),
  });
  verifyRunAsNonRoot(pod, container, ctx.runtime as typeof ctx.runtime & ImageUserSource);
  const { command, args } = expandCommand(container, env);
  const limits = container.resources?.limits ?? {};
  const requests = container.resources?.requests ?? {};
  const sec = effectiveSecurity(pod, container);
  const config: ContainerConfig = {
    name: container.name,
    role: kind,
    image: container.image ?? "",
    env: envObject(env),
    mounts: d.volumes.mountsFor(pod, container, env),
    tty: !!container.tty,
    stdin: !!container.stdin,
    attempt,
    ...sec,
  };
  if (command) config.command = command;
  if (args) config.args = args;
  if (container.workingDir) config.workingDir = container.workingDir;
  if (limits.memory !== undefined) config.memoryLimitBytes = parseQuantity(String(limits.memory));
  if (limits.cpu !== undefined) config.cpuLimitMilli = milliCPU(String(limits.cpu));
  if (requests.cpu !== undefined) config.cpuRequestMilli = milliCPU(String(requests.cpu));
  if (container.terminationMessagePath) config.terminationMessagePath = container.terminationMessagePath;
  if (container.ports?.length) config.ports = container.ports.map((p) => ({ containerPort: p.containerPort, ...(p.protocol ? { protocol: p.protocol } : {}), ...(p.name ? { name: p.name } : {}) }));
  return config;
}

/** startContainer: pulls, creates, starts and runs postStart. */
export async function startContainer(d: RuntimeDeps, fiber: Fiber, pr: PodRecord, pod: Pod, container: Container, kind: ContainerKind, sandbox: SandboxRecord, auth: PullAuth | undefined): Promise<StartResult> {
  const { ctx } = d;
  const name = container.name;
  /** Records `Error: <what>` (the reason for image errors, the message otherwise) and fails. */
  const fail = (reason: string, message: string, what: string): StartResult => {
    ctx.event(pod, "Warning", "Failed", `Error: ${what}`, name);
    return { name, ok: false, reason, message };
  };

  const img = await d.images.ensureImageExists(fiber, pod, container, auth);
  if (!img.ok) return fail(img.reason, img.message, img.reason);

  const latest = pr.rp.latest(name);
  const attempt = latest ? latest.attempt + 1 : 0;
  let config: ContainerConfig;
  try {
    config = buildConfig(d, pr, pod, container, kind, attempt);
  } catch (e) {
    if (e instanceof ContainerConfigError || (e as Error).message?.startsWith("unsupported fieldPath")) return fail(WaitingReason.CreateContainerConfigError, (e as Error).message, (e as Error).message);
    throw e;
  }

  await fiber.sleep(kubeletDelay(ctx.cluster, "containerCreate"));
  let id: string;
  try {
    id = ctx.runtime.createContainer(sandbox.id, config);
  } catch (e) {
    if (e instanceof ContainerCreateError) return fail(e.reason, e.message, e.message);
    throw e;
  }
  const info = ctx.runtime.containerStatus(id);
  const rec: ContainerRecord = {
    id,
    name,
    kind,
    attempt,
    hash: containerHash(container),
    image: container.image ?? "",
    createdAt: ctx.now,
    info: info ?? { id, name, state: "created", createdAt: ctx.now, imageRef: "", memoryBytes: 0, cpuMilli: 0 },
    removed: false,
  };
  pr.rp.addContainer(rec);
  d.trackContainer(id, pr);
  ctx.trace("container-create", pod, { container: name, id, role: kind, attempt }, "containerd");
  ctx.event(pod, "Normal", "Created", sharedMessage(createdMessage, name), name);

  await ctx.runtime.startContainer(id);
  rec.info = ctx.runtime.containerStatus(id) ?? rec.info;
  if (rec.info.state === "exited" && rec.info.reason === "StartError") {
    return { ...fail(WaitingReason.RunContainerError, rec.info.message ?? "", rec.info.message ?? ""), created: true };
  }
  ctx.trace("container-start", pod, { container: name, id, role: kind, attempt }, "containerd");
  ctx.event(pod, "Normal", "Started", sharedMessage(startedMessage, name), name);

  const postStart = container.lifecycle?.postStart;
  if (postStart) {
    const hook = pr.addHook({ container: name, hook: "postStart", handler: handlerKind(postStart), startedAt: ctx.now });
    ctx.trace("hook", pod, { container: name, hook: "postStart", handler: hook.handler, phase: "start" });
    const out = await runHook(fiber, ctx, pod, container, { containerId: id, sandboxId: sandbox.id, podIP: sandbox.podIP }, postStart, undefined);
    hook.finishedAt = ctx.now;
    hook.ok = out.ok;
    if (out.message) hook.message = out.message;
    ctx.trace("hook", pod, { container: name, hook: "postStart", handler: hook.handler, phase: "done", ok: out.ok, message: out.message });
    if (!out.ok) {
      ctx.event(pod, "Warning", "FailedPostStartHook", out.message, name);
      await killContainer(d, fiber, pr, pod, rec, "FailedPostStartHook", "");
      return { name, ok: false, reason: WaitingReason.PostStartHookError, message: out.message, created: true };
    }
  }
  return { name, ok: true, created: true };
}

/** setTerminationGracePeriod, in seconds. */
export function gracePeriodFor(pod: Pod, container: Container | undefined, reason: KillReason): number {
  if (pod.metadata?.deletionGracePeriodSeconds !== undefined && pod.metadata.deletionTimestamp) return pod.metadata.deletionGracePeriodSeconds;
  const podGrace = pod.spec?.terminationGracePeriodSeconds ?? 30;
  if (reason === "startup" && container?.startupProbe?.terminationGracePeriodSeconds !== undefined) return container.startupProbe.terminationGracePeriodSeconds;
  if (reason === "liveness" && container?.livenessProbe?.terminationGracePeriodSeconds !== undefined) return container.livenessProbe.terminationGracePeriodSeconds;
  return podGrace;
}

/** killContainer. `graceOverride` (seconds) is for hard kills (eviction). */
export async function killContainer(
  d: RuntimeDeps,
  fiber: Fiber,
  pr: PodRecord,
  pod: Pod,
  rec: ContainerRecord,
  message: string,
  reason: KillReason,
  graceOverride?: number,
  ordering?: TerminationOrdering,
): Promise<void> {
  const { ctx } = d;
  const runtime = ctx.runtime;
  rec.info = runtime.containerStatus(rec.id) ?? rec.info;
  if (rec.info.state !== "running" && rec.info.state !== "created") {
    ordering?.containerTerminated(rec.name);
    return;
  }
  const spec = findContainer(pod, rec.name)?.container;
  let grace = gracePeriodFor(pod, spec, reason);
  ctx.event(pod, "Normal", "Killing", message || `Stopping container ${rec.name}`, rec.name);
  ctx.trace("kill", pod, { container: rec.name, id: rec.id, gracePeriodSeconds: grace, message: message || `Stopping container ${rec.name}` });

  const preStop = spec?.lifecycle?.preStop;
  if (preStop && grace > 0 && rec.info.state === "running") {
    const start = ctx.now;
    const sandbox = pr.rp.sandbox;
    const hook = pr.addHook({ container: rec.name, hook: "preStop", handler: handlerKind(preStop), startedAt: start });
    ctx.trace("hook", pod, { container: rec.name, hook: "preStop", handler: hook.handler, phase: "start" });
    const out = await runHook(fiber, ctx, pod, spec!, { containerId: rec.id, sandboxId: sandbox?.id ?? "", podIP: sandbox?.podIP ?? "" }, preStop, grace * 1000);
    hook.finishedAt = ctx.now;
    hook.ok = out.ok;
    if (out.message) hook.message = out.message;
    ctx.trace("hook", pod, { container: rec.name, hook: "preStop", handler: hook.handler, phase: "done", ok: out.ok, message: out.message });
    if (!out.ok && !out.timedOut) ctx.event(pod, "Warning", "FailedPreStopHook", out.message, rec.name);
    grace -= Math.floor((ctx.now - start) / 1000);
  }
  if (ordering && grace > 0) grace = Math.floor((await ordering.waitForTurn(fiber, ctx.cluster.clock, rec.name, grace * 1000)) / 1000);
  const min = kubeletTiming(ctx.cluster, "minimumGracePeriod") / 1000;
  if (grace < min) grace = min;
  if (graceOverride !== undefined) grace = graceOverride;
  else if (pr.graceOverride !== undefined) grace = pr.graceOverride;

  rec.info = runtime.containerStatus(rec.id) ?? rec.info;
  if (rec.info.state === "running" || rec.info.state === "created") {
    await runtime.stopContainer(rec.id, grace * 1000);
    rec.info = runtime.containerStatus(rec.id) ?? rec.info;
    if (rec.info.state === "running") await d.waitForExit(fiber, rec.id);
    rec.info = runtime.containerStatus(rec.id) ?? rec.info;
  }
  ordering?.containerTerminated(rec.name);
}

function createdMessage(name: string): string {
  return `Created container ${name}`;
}

function startedMessage(name: string): string {
  return `Started container ${name}`;
}
