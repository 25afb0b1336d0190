/**
 * Accessible labels for everything the graph draws. Each starts with the object's kind and name and
 * says its state in words, so nothing depends on colour alone and a screen reader (or a test) can
 * follow the cluster: "Pod nginx, Running, node-1", "Infra container of pod nginx, 10.244.1.5".
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import type { ContainerView, PodRuntimeView, ProbeView, VolumeView } from "../../worker/protocol";

/** kubectl's STATUS for a node: "Ready", "NotReady", "Ready,SchedulingDisabled", "Unknown". */
export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  let s = !ready ? "Unknown" : ready.status === "True" ? "Ready" : "NotReady";
  if (node.spec?.unschedulable) s += ",SchedulingDisabled";
  return s;
}

export function nodeLabel(node: Node, pods: number): string {
  return `Node ${node.metadata?.name}, ${nodeStatus(node)}, ${pods} ${pods === 1 ? "pod" : "pods"}`;
}

/** The pod's STATUS as kubectl prints it (the runtime view carries it; Pending before it arrives). */
export function podStatusText(pod: Pod, view: PodRuntimeView | undefined): string {
  return view?.statusText || pod.status?.phase || "Pending";
}

export function podLabel(pod: Pod, view: PodRuntimeView | undefined): string {
  const where = pod.spec?.nodeName ? pod.spec.nodeName : "not scheduled";
  return `Pod ${pod.metadata?.name}, ${podStatusText(pod, view)}, ${where}`;
}

export function infraLabel(podName: string, view: PodRuntimeView | undefined): string {
  const sb = view?.sandbox;
  if (!sb || sb.state === "none") return `Infra container of pod ${podName}, not created yet`;
  if (sb.state === "creating") return `Infra container of pod ${podName}, creating the network namespace`;
  const ip = sb.podIP ?? "no IP yet";
  const net = sb.hostNetwork ? ", host network" : "";
  return sb.state === "stopped" ? `Infra container of pod ${podName}, ${ip}, stopped` : `Infra container of pod ${podName}, ${ip}${net}`;
}

const ROLE_WORD: Record<ContainerView["role"], string> = { init: "Init container", sidecar: "Sidecar container", app: "Container", ephemeral: "Ephemeral container" };

/** A container's state in kubectl describe's words: "Running", "Waiting: CrashLoopBackOff", "Terminated: Completed". */
export function containerStateText(c: ContainerView): string {
  switch (c.state) {
    case "none":
      return "Not created";
    case "running":
      return "Running";
    case "waiting":
      return c.reason ? `Waiting: ${c.reason}` : "Waiting";
    case "terminated":
      return c.reason ? `Terminated: ${c.reason}` : `Terminated: exit code ${c.exitCode ?? "?"}`;
  }
}

export function containerLabel(c: ContainerView): string {
  const parts = [`${ROLE_WORD[c.role]} ${c.name}`, containerStateText(c)];
  if (c.role !== "init" && c.state === "running") parts.push(c.ready ? "ready" : "not ready");
  if (c.role !== "init" || c.restartCount > 0) parts.push(`${c.restartCount} ${c.restartCount === 1 ? "restart" : "restarts"}`);
  return parts.join(", ");
}

const PROBE_WORD = { startup: "Startup", liveness: "Liveness", readiness: "Readiness" } as const;

export function probeLabel(container: string, p: ProbeView): string {
  const last = p.last ? `last ${p.last}` : "not run yet";
  return `${PROBE_WORD[p.type]} probe of container ${container}, ${p.handler}, ${last}`;
}

export function volumeLabel(v: VolumeView): string {
  const from = v.source ? `, from ${v.source.kind} ${v.source.name}` : v.detail ? `, ${v.detail}` : "";
  return `Volume ${v.name}, ${v.type}${from}`;
}

export function mountLabel(volume: string, container: string, mountPath: string, readOnly: boolean): string {
  return `Mount of volume ${volume} in container ${container} at ${mountPath}${readOnly ? ", read-only" : ""}`;
}

export function serviceLabel(name: string, ready: number, notReady: number): string {
  const r = `${ready} ready ${ready === 1 ? "endpoint" : "endpoints"}`;
  return notReady > 0 ? `Service ${name}, ${r}, ${notReady} not ready` : `Service ${name}, ${r}`;
}
