/**
 * Lifecycle hooks (lifecycle/handlers.go): postStart and preStop handlers of kind exec, httpGet and
 * sleep, run in the container's namespaces through the runtime, with the failure messages Kubernetes
 * puts on FailedPostStartHook / FailedPreStopHook events.
 */
import type { Container, LifecycleHandler, Pod } from "kubernetes-types/core/v1";
import type { ConnectOutcome, ExecResult } from "../../runtime/cri";
import type { KubeletContext } from "../context";
import type { Fiber } from "../fiber";
import { formatPod } from "../format";

export type HookName = "postStart" | "preStop";

export interface HookOutcome {
  ok: boolean;
  /** The failure message (empty when ok). */
  message: string;
  /** True when the hook did not finish within its deadline. */
  timedOut?: boolean;
}

/** One hook run, for the runtime view. */
export interface HookRecord {
  container: string;
  hook: HookName;
  handler: "exec" | "httpGet" | "sleep" | "tcpSocket";
  startedAt: number;
  finishedAt?: number;
  ok?: boolean;
  message?: string;
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Runs a hook handler; `deadlineMs` bounds it (preStop: the grace period). */
export async function runHook(
  fiber: Fiber,
  ctx: KubeletContext,
  pod: Pod,
  container: Container,
  target: { containerId: string; sandboxId: string; podIP: string },
  handler: LifecycleHandler,
  deadlineMs: number | undefined,
): Promise<HookOutcome> {
  if (handler.exec) {
    const cmd = handler.exec.command ?? [];
    let handle;
    try {
      handle = ctx.runtime.exec(target.containerId, cmd, deadlineMs !== undefined ? { timeoutMs: deadlineMs } : {});
    } catch (e) {
      return { ok: false, message: `Exec lifecycle hook ([${cmd.join(" ")}]) for Container "${container.name}" in Pod "${formatPod(pod)}" failed - error: ${(e as Error).message}, message: ""` };
    }
    await handle.settled;
    const h = handle;
    const r: ExecResult = h.result ?? (await fiber.suspend<ExecResult>((resume) => h.onDone(resume)));
    if (r.timedOut) return { ok: false, message: "", timedOut: true };
    if (r.exitCode === 0 && !r.startError) return { ok: true, message: "" };
    const joined = cmd.join(" ");
    const err = r.startError
      ? `rpc error: code = Unknown desc = failed to exec in container: failed to start exec "${ctx.cluster.random.hex(64)}": ${r.startError}`
      : `command '${joined}' exited with ${r.exitCode}: ${r.stderr}`;
    return { ok: false, message: `Exec lifecycle hook ([${joined}]) for Container "${container.name}" in Pod "${formatPod(pod)}" failed - error: ${err}, message: ${goQuote(r.stdout + r.stderr)}` };
  }
  if (handler.httpGet) {
    const g = handler.httpGet;
    const port = typeof g.port === "number" ? g.port : /^\d+$/.test(String(g.port)) ? Number(g.port) : (container.ports?.find((p) => p.name === g.port)?.containerPort ?? 0);
    const host = g.host || target.podIP;
    const path = g.path ?? "";
    const scheme = (g.scheme ?? "HTTP") as "HTTP" | "HTTPS";
    const headers: Record<string, string> = {};
    for (const h of g.httpHeaders ?? []) headers[h.name] = h.value;
    const out: ConnectOutcome = await fiber.await(ctx.runtime.httpGet(target.sandboxId, { host: g.host, port, path: path || "/", scheme, headers, timeoutMs: deadlineMs ?? 10_000 }));
    if (out.ok) return { ok: true, message: "" };
    if (out.message?.startsWith("Get ")) return { ok: false, message: `HTTP lifecycle hook (${path}) for Container "${container.name}" in Pod "${formatPod(pod)}" failed - error: ${out.message}`, timedOut: out.error === "timeout" };
    const url = `${scheme.toLowerCase()}://${host}:${port}${path.startsWith("/") ? path : `/${path}`}`;
    const dial =
      out.error === "refused"
        ? `dial tcp ${host}:${port}: connect: connection refused`
        : out.error === "timeout"
          ? "context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
          : out.error === "unreachable"
            ? `dial tcp ${host}:${port}: connect: no route to host`
            : "EOF";
    return { ok: false, message: `HTTP lifecycle hook (${path}) for Container "${container.name}" in Pod "${formatPod(pod)}" failed - error: Get "${url}": ${dial}`, timedOut: out.error === "timeout" };
  }
  if (handler.sleep) {
    const ms = handler.sleep.seconds * 1000;
    if (deadlineMs !== undefined && ms > deadlineMs) {
      await fiber.sleep(deadlineMs);
      return { ok: false, message: "", timedOut: true };
    }
    await fiber.sleep(ms);
    return { ok: true, message: "" };
  }
  if (handler.tcpSocket) {
    return { ok: false, message: `TCPSocket lifecycle hook for Container "${container.name}" in Pod "${formatPod(pod)}" failed - error: tcpSocket is deprecated and not supported as a lifecycle handler` };
  }
  return { ok: false, message: "invalid handler" };
}

export function handlerKind(h: LifecycleHandler): HookRecord["handler"] {
  return h.exec ? "exec" : h.httpGet ? "httpGet" : h.sleep ? "sleep" : "tcpSocket";
}
