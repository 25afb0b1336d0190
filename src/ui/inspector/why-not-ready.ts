/**
 * "Why is this pod not Ready?": the reasons read from the pod's conditions, its containers' states,
 * its probes' latest results (the kubelet's Unhealthy events carry the probe's own output) and its
 * readiness gates, most fundamental first.
 */
import type { Container, Pod, Probe } from "kubernetes-types/core/v1";
import type { ContainerView, PodRuntimeView } from "../../worker/protocol";
import type { TermKind } from "../explain/explain";
import type { EventRow } from "../events/event-rows";

export interface Finding {
  text: string;
  /** The term whose explanation helps ("CrashLoopBackOff", "readiness"). */
  term?: { kind: TermKind; term: string };
  container?: string;
  severity: "info" | "warn" | "bad";
}

export interface ReadinessReport {
  ready: boolean;
  findings: Finding[];
}

const ROLE: Record<ContainerView["role"], string> = { init: "Init container", sidecar: "Sidecar container", app: "Container", ephemeral: "Ephemeral container" };

/** Why a pod is not Ready (empty findings when it is). `events` are the pod's event rows. */
export function whyNotReady(pod: Pod, view: PodRuntimeView | undefined, events: readonly EventRow[]): ReadinessReport {
  const cond = (type: string) => pod.status?.conditions?.find((c) => c.type === type);
  const ready = cond("Ready")?.status === "True";
  if (ready) return { ready, findings: [] };
  const out: Finding[] = [];
  const phase = pod.status?.phase ?? "Pending";
  if (!pod.spec?.nodeName) {
    out.push({ text: "The pod is not on a node yet: the scheduler has not bound it. See \"Why is this pod Pending?\".", term: { kind: "status", term: "Pending" }, severity: "warn" });
    return { ready, findings: out };
  }
  if (pod.metadata?.deletionTimestamp) out.push({ text: "The pod is being deleted: a terminating pod is taken out of its Services' endpoints and never becomes Ready again.", term: { kind: "status", term: "Terminating" }, severity: "info" });
  if (phase === "Succeeded" || phase === "Failed") {
    out.push({ text: `The pod has finished (phase ${phase}): its containers will not run again, so it will not be Ready.`, term: { kind: "phase", term: phase }, severity: "info" });
    return { ready, findings: out };
  }
  if (cond("PodReadyToStartContainers")?.status === "False" || view?.sandbox.state === "creating") {
    out.push({ text: "The kubelet is still setting up the pod's sandbox: the Infra (pause) container with the network namespace and the pod IP.", term: { kind: "condition", term: "PodReadyToStartContainers" }, severity: "info" });
  }
  const specs = new Map<string, Container>([...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])].map((c) => [c.name, c]));
  const containers = view?.containers ?? [];
  if (cond("Initialized")?.status === "False") {
    for (const c of containers.filter((x) => x.role === "init")) {
      if (c.state === "terminated" && c.exitCode === 0) continue;
      out.push(containerFinding(c, specs.get(c.name), events));
    }
  }
  for (const c of containers) {
    if (c.role === "init" || c.role === "ephemeral" || c.ready) continue;
    out.push(containerFinding(c, specs.get(c.name), events));
  }
  for (const gate of pod.spec.readinessGates ?? []) {
    const g = cond(gate.conditionType);
    if (g?.status !== "True") out.push({ text: `Readiness gate ${gate.conditionType} is ${g ? g.status : "not set"}: the pod is Ready only when every readiness gate's condition is True.`, term: { kind: "conditionReason", term: "ReadinessGatesNotReady" }, severity: "warn" });
  }
  const r = cond("Ready");
  if (r && (r.reason || r.message)) out.push({ text: `Ready is ${r.status}${r.reason ? `: ${r.reason}` : ""}${r.message ? ` — ${r.message}` : ""}.`, ...(r.reason ? { term: { kind: "conditionReason" as const, term: r.reason } } : {}), severity: "info" });
  return { ready, findings: out };
}

function containerFinding(c: ContainerView, spec: Container | undefined, events: readonly EventRow[]): Finding {
  const who = `${ROLE[c.role]} ${c.name}`;
  const restarts = c.restartCount > 0 ? ` It has restarted ${c.restartCount} ${c.restartCount === 1 ? "time" : "times"}${c.lastTerminated ? `; last time it ended with ${c.lastTerminated.reason ?? "exit"} (exit code ${c.lastTerminated.exitCode})` : ""}.` : "";
  switch (c.state) {
    case "none":
      return { text: `${who} has not been created yet.`, container: c.name, severity: "info" };
    case "waiting": {
      const reason = c.reason ?? "Waiting";
      return { text: `${who} is waiting: ${reason}${c.message ? ` — ${c.message}` : ""}.${restarts}`, term: { kind: "status", term: reason }, container: c.name, severity: /BackOff|Err|Invalid|Error/.test(reason) ? "bad" : "warn" };
    }
    case "terminated": {
      const reason = c.reason ?? "Terminated";
      return { text: `${who} has stopped: ${reason} (exit code ${c.exitCode ?? "?"}).${restarts}`, term: { kind: "status", term: reason }, container: c.name, severity: c.exitCode === 0 ? "info" : "bad" };
    }
    case "running":
      return probeFinding(c, spec, events, who, restarts);
  }
}

function probeFinding(c: ContainerView, spec: Container | undefined, events: readonly EventRow[], who: string, restarts: string): Finding {
  const startup = c.probes.find((p) => p.type === "startup");
  if (startup && !c.started) {
    const failed = lastProbeFailure(events, c.name, "Startup");
    return {
      text: `${who} is running but its startup probe (${startup.handler}) has not succeeded yet; readiness is not checked until it does.${failed ? ` Last failure: ${failed}` : ""}${restarts}`,
      term: { kind: "container", term: "startup" },
      container: c.name,
      severity: failed ? "bad" : "warn",
    };
  }
  const readiness = c.probes.find((p) => p.type === "readiness");
  if (readiness) {
    if (readiness.last === "failure") {
      const failed = lastProbeFailure(events, c.name, "Readiness");
      return { text: `${who} is running but its readiness probe (${readiness.handler}) fails${failed ? `: ${failed}` : "."}${restarts}`, term: { kind: "container", term: "readiness" }, container: c.name, severity: "bad" };
    }
    if (!readiness.last) {
      const delay = spec?.readinessProbe ? probeTiming(spec.readinessProbe) : "";
      return { text: `${who} is running; it becomes ready when its first readiness probe (${readiness.handler}) succeeds${delay}.${restarts}`, term: { kind: "container", term: "readiness" }, container: c.name, severity: "warn" };
    }
    return { text: `${who} is running and its last readiness probe succeeded; the kubelet reports it ready after successThreshold successes in a row.${restarts}`, term: { kind: "container", term: "readiness" }, container: c.name, severity: "info" };
  }
  return { text: `${who} is running but not yet reported ready.${restarts}`, container: c.name, severity: "info" };
}

/** The message of the latest "<Kind> probe failed" event about a container. */
function lastProbeFailure(events: readonly EventRow[], container: string, kind: "Readiness" | "Startup" | "Liveness"): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.reason === "Unhealthy" && e.involved.container === container && e.message.startsWith(`${kind} probe`)) return e.message;
  }
  return undefined;
}

function probeTiming(p: Probe): string {
  const delay = p.initialDelaySeconds ?? 0;
  const period = p.periodSeconds ?? 10;
  return delay > 0 ? ` (first after initialDelaySeconds ${delay}s, then every ${period}s)` : ` (every ${period}s)`;
}
