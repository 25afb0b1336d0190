/**
 * The kubelet's server side of `kubectl logs` and `kubectl exec` (server/server.go, kubelet_pods.go):
 * which container instance a log request means (validateContainerLogStatus, with its BadRequest
 * messages), the log lines it returns with --since/--tail/--timestamps applied, and exec into a
 * running container through the node's runtime.
 */
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1";
import { badRequest } from "../api/errors";
import type { Cluster } from "../cluster";
import type { ContainerRuntime, LogLine } from "../runtime/cri";
import type { KubeletComponent } from "./component";

/** The kubelet component of a cluster, if it runs one. */
export function kubeletsOf(cluster: Cluster): KubeletComponent | undefined {
  return cluster.component<KubeletComponent>("kubelet");
}

/** The runtime of the node a pod runs on. */
export function runtimeFor(cluster: Cluster, pod: Pod): ContainerRuntime | undefined {
  const node = pod.spec?.nodeName;
  return node ? kubeletsOf(cluster)?.kubelet(node)?.ctx.runtime : undefined;
}

function findStatus(pod: Pod, name: string): ContainerStatus | undefined {
  const s = pod.status;
  return [...(s?.containerStatuses ?? []), ...(s?.initContainerStatuses ?? []), ...(s?.ephemeralContainerStatuses ?? [])].find((c) => c.name === name);
}

/** validateContainerLogStatus: the instance id a log request reads, or the API's BadRequest. */
export function logContainerId(pod: Pod, container: string, previous: boolean): string {
  const podName = pod.metadata?.name ?? "";
  const cs = findStatus(pod, container);
  if (!cs) throw badRequest(`container "${container}" in pod "${podName}" is not available`);
  const last = cs.lastState?.terminated;
  const strip = (id: string | undefined) => (id ?? "").replace(/^[a-z]+:\/\//, "");
  if (previous) {
    if (!last?.containerID) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return strip(last.containerID);
  }
  if (cs.state?.running) return strip(cs.containerID);
  if (cs.state?.terminated) {
    if (cs.state.terminated.containerID) return strip(cs.state.terminated.containerID);
    if (last?.containerID) return strip(last.containerID);
    throw badRequest(`container "${container}" in pod "${podName}" is terminated`);
  }
  if (last) {
    if (!last.containerID) throw badRequest(`container "${container}" in pod "${podName}" is terminated`);
    return strip(last.containerID);
  }
  const reason = cs.state?.waiting?.reason;
  if (cs.state?.waiting) {
    if (reason === "ErrImagePull") throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`);
    if (reason === "ImagePullBackOff") throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
    throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${reason ?? ""}`);
  }
  throw badRequest(`container "${container}" in pod "${podName}" is waiting to start - no logs yet`);
}

export interface LogOptions {
  /** Only lines at or after this virtual instant. */
  sinceMs?: number;
  tail?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

/** A log line's timestamp as the CRI log file has it (RFC 3339 with nanoseconds, trailing zeros trimmed). */
export function logTimestamp(cluster: Cluster, ms: number): string {
  const iso = new Date(cluster.clock.epochMs + Math.floor(ms)).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, "");
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ""}Z`;
}

/** Formats log lines for output. */
export function formatLogLines(cluster: Cluster, lines: readonly LogLine[], opts: LogOptions, prefix = ""): string {
  let sel = opts.sinceMs !== undefined ? lines.filter((l) => l.time >= opts.sinceMs!) : lines;
  if (opts.tail !== undefined && opts.tail >= 0) sel = opts.tail === 0 ? [] : sel.slice(-opts.tail);
  let out = "";
  for (const l of sel) out += `${prefix}${opts.timestamps ? `${logTimestamp(cluster, l.time)} ` : ""}${l.text}\n`;
  if (opts.limitBytes !== undefined && out.length > opts.limitBytes) out = out.slice(0, opts.limitBytes);
  return out;
}
