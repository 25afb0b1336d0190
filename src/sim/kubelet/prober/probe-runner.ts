/**
 * Runs one probe (exec, httpGet, tcpSocket, grpc) against a container through the runtime and puts
 * the verdict in Kubernetes' words (pkg/probe/*, pkg/kubelet/prober/prober.go): the output of a
 * failed exec, `HTTP probe failed with statuscode: 500`, `Get "http://...": dial tcp ...: connect:
 * connection refused`, `dial tcp ...: i/o timeout`, `command "..." timed out`.
 */
import type { Container, Pod, Probe } from "kubernetes-types/core/v1";
import type { VirtualClock } from "../../clock";
import type { ConnectOutcome, ContainerRuntime, ExecResult } from "../../runtime/cri";
import { settleSoon } from "../settle";

export type ProbeResult = "success" | "failure" | "warning" | "unknown";

export interface ProbeOutcome {
  result: ProbeResult;
  /** The probe's output: what the Unhealthy event quotes. */
  output: string;
  /** An error that is not a failure of the probed thing (probe errored). */
  error?: string;
}

export interface ProbeTarget {
  runtime: ContainerRuntime;
  clock: VirtualClock;
  pod: Pod;
  container: Container;
  containerId: string;
  sandboxId: string;
  podIP: string;
}

/** Resolves a port given by number or by a container port name. */
function resolvePort(port: number | string | undefined, container: Container): number | undefined {
  if (typeof port === "number") return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function connectMessage(kind: "http" | "tcp" | "grpc", out: Extract<ConnectOutcome, { ok: false }>, host: string, port: number, url: string, timeoutS: number): string {
  const addr = `${host}:${port}`;
  if (kind === "grpc") return `timeout: failed to connect service "${addr}" within ${timeoutS}s`;
  let dial: string;
  switch (out.error) {
    case "refused":
      dial = `dial tcp ${addr}: connect: connection refused`;
      break;
    case "unreachable":
      dial = `dial tcp ${addr}: connect: no route to host`;
      break;
    case "reset":
      dial = "EOF";
      break;
    case "timeout":
      dial = kind === "http" ? "context deadline exceeded (Client.Timeout exceeded while awaiting headers)" : `dial tcp ${addr}: i/o timeout`;
      break;
  }
  return kind === "http" ? `Get "${url}": ${dial}` : dial;
}

/** Probes whose network attempt took this long (a timeout) report when it ends, not at once. */
const PACE_FROM_MS = 100;

/** Calls `done` after the attempt's own duration when it was long (a connection that timed out). */
function paced(t: ProbeTarget, out: ConnectOutcome | undefined, done: (o: ProbeOutcome) => void): (o: ProbeOutcome) => void {
  const ms = out?.elapsedMs ?? 0;
  if (ms < PACE_FROM_MS) return done;
  return (o) => void t.clock.after(ms, () => done(o), "probe attempt");
}

/** The URL an httpGet probe requests, as its errors quote it. */
function probeUrl(scheme: string, host: string, port: number, path: string): string {
  return `${scheme.toLowerCase()}://${host}:${port}${path.startsWith("/") ? path : `/${path}`}`;
}

/** The request headers of an httpGet probe, made once per probe spec (a probe repeats the same request). */
const headersBySpec = new WeakMap<object, Record<string, string>>();

function probeHeaders(g: NonNullable<Probe["httpGet"]>): Record<string, string> {
  let headers = headersBySpec.get(g);
  if (!headers) {
    headers = { "User-Agent": "kube-probe/1.31", Accept: "*/*" };
    for (const h of g.httpHeaders ?? []) headers[h.name] = h.value;
    headersBySpec.set(g, headers);
  }
  return headers;
}

/**
 * Runs the probe and calls `done` with the outcome. Returns the promise the calling clock callback
 * must return (it covers the runtime's work done at this instant).
 */
export function runProbe(t: ProbeTarget, probe: Probe, done: (o: ProbeOutcome) => void): Promise<void> | void {
  const timeoutS = probe.timeoutSeconds ?? 1;
  const timeoutMs = timeoutS * 1000;
  if (probe.exec) {
    const argv = probe.exec.command ?? [];
    let handle;
    try {
      handle = t.runtime.exec(t.containerId, argv, { timeoutMs });
    } catch (e) {
      done({ result: "unknown", output: "", error: (e as Error).message });
      return;
    }
    const finish = (r: ExecResult) => {
      const output = r.stdout + r.stderr;
      if (r.startError) return done({ result: "unknown", output: "", error: `rpc error: code = Unknown desc = failed to exec in container: failed to start exec "${t.containerId}": ${r.startError}` });
      if (r.timedOut) done({ result: "failure", output: `command "${argv.join(" ")}" timed out` });
      else done({ result: r.exitCode === 0 ? "success" : "failure", output });
    };
    return handle.settled.then(() => {
      if (handle.result) finish(handle.result);
      else handle.onDone(finish);
    });
  }
  if (probe.httpGet) {
    const g = probe.httpGet;
    const port = resolvePort(g.port as number | string, t.container);
    const host = g.host || t.podIP;
    const scheme = (g.scheme ?? "HTTP") as "HTTP" | "HTTPS";
    const path = g.path ?? "/";
    if (port === undefined) {
      done({ result: "unknown", output: "", error: `unable to resolve port "${String(g.port)}"` });
      return;
    }
    const headers = probeHeaders(g);
    const p = t.runtime.httpGet(t.sandboxId, { host: g.host, port, path, scheme, headers, timeoutMs });
    return settleSoon(t.clock, p, (out, err) => {
      if (!out) return done({ result: "unknown", output: "", error: String((err as Error)?.message ?? err) });
      if (!out.ok) return paced(t, out, done)({ result: "failure", output: out.message || connectMessage("http", out, host, port, probeUrl(scheme, host, port, path), timeoutS) });
      const code = out.status ?? 200;
      if (code >= 200 && code < 400) return done({ result: code >= 300 ? "warning" : "success", output: code >= 300 ? `Probe terminated redirects, Response: ${out.body ?? ""}` : (out.body ?? "") });
      done({ result: "failure", output: `HTTP probe failed with statuscode: ${code}` });
    }, "probe");
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port as number | string, t.container);
    const host = probe.tcpSocket.host || t.podIP;
    if (port === undefined) {
      done({ result: "unknown", output: "", error: `unable to resolve port "${String(probe.tcpSocket.port)}"` });
      return;
    }
    const p = t.runtime.tcpConnect(t.sandboxId, { host: probe.tcpSocket.host, port, timeoutMs });
    return settleSoon(t.clock, p, (out, err) => {
      if (!out) return done({ result: "unknown", output: "", error: String((err as Error)?.message ?? err) });
      if (!out.ok) return paced(t, out, done)({ result: "failure", output: out.message || connectMessage("tcp", out, host, port, "", timeoutS) });
      done({ result: "success", output: "" });
    }, "probe");
  }
  if (probe.grpc) {
    const port = probe.grpc.port;
    const p = t.runtime.grpcCheck(t.sandboxId, { port, service: probe.grpc.service, timeoutMs });
    return settleSoon(t.clock, p, (out, err) => {
      if (!out) return done({ result: "unknown", output: "", error: String((err as Error)?.message ?? err) });
      if (!out.ok) return paced(t, out, done)({ result: "failure", output: out.message || connectMessage("grpc", out, t.podIP, port, "", timeoutS) });
      const body = out.body ?? "SERVING";
      if (body !== "SERVING") return done({ result: "failure", output: out.message ?? `service unhealthy (responded with "${body}")` });
      done({ result: "success", output: "" });
    }, "probe");
  }
  done({ result: "unknown", output: "", error: "missing probe handler" });
}
