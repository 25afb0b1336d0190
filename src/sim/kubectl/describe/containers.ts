/**
 * The Containers / Init Containers sections of describe (describeContainers): ID, image, ports,
 * command and args, State / Last State / Ready / Restart Count, Limits and Requests, the probe lines
 * ("Liveness: exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3"),
 * Environment (with fieldRef and resourceFieldRef values resolved) and Mounts.
 */
import type { Container, ContainerState, ContainerStatus, Pod, Probe } from "kubernetes-types/core/v1";
import { canonicalQuantity, parseQuantity } from "../../api/quantity";
import { rfc1123z } from "../printers/duration";
import { goQuote } from "../printers/gofmt";
import { joinHostPort } from "../printers/columns/network";
import { stringOrNone } from "./helpers";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from "./prefix-writer";

/** Resolves an env var's fieldRef against the pod (undefined for pod templates). */
export type EnvResolver = ((fieldPath: string) => string) | undefined;

/** EnvValueRetriever: the value a fieldRef would give in this pod. */
export function envResolver(pod: Pod): EnvResolver {
  return (path) => {
    const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
    if (m) return (m[1] === "labels" ? pod.metadata?.labels : pod.metadata?.annotations)?.[m[2]] ?? "";
    switch (path) {
      case "metadata.name":
        return pod.metadata?.name ?? "";
      case "metadata.namespace":
        return pod.metadata?.namespace ?? "";
      case "metadata.uid":
        return pod.metadata?.uid ?? "";
      case "spec.nodeName":
        return pod.spec?.nodeName ?? "";
      case "spec.serviceAccountName":
        return pod.spec?.serviceAccountName ?? "";
      case "status.hostIP":
        return pod.status?.hostIP ?? "";
      case "status.podIP":
        return pod.status?.podIP ?? "";
      case "status.podIPs":
        return (pod.status?.podIPs ?? []).map((p) => p.ip).join(",");
      case "status.hostIPs":
        return (pod.status?.hostIPs ?? []).map((p) => p.ip).join(",");
    }
    return "";
  };
}

/** describeContainers. */
export function describeContainers(label: string, containers: Container[], statuses: ContainerStatus[] | undefined, resolver: EnvResolver, w: PrefixWriter, space: string): void {
  const byName = new Map<string, ContainerStatus>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? " <none>" : ""}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    basicInfo(c, status, space, w);
    command(c, w);
    if (status) state(status, w);
    describeResources(c.resources, w, LEVEL_2);
    probes(c, w);
    if ((c.envFrom ?? []).length > 0) envFrom(c, w);
    env(c, resolver, w);
    mounts(c, w);
  }
}

function basicInfo(c: Container, status: ContainerStatus | undefined, space: string, w: PrefixWriter): void {
  w.write(LEVEL_1, `${space ? " " : ""}${c.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ""}\n`);
  w.write(LEVEL_2, `Image:\t${c.image ?? ""}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ""}\n`);
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}`).join(", ");
  if (ports.includes(",")) w.write(LEVEL_2, `Ports:\t${ports}\n`);
  else w.write(LEVEL_2, `Port:\t${stringOrNone(ports)}\n`);
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`).join(", ");
  if (hostPorts.includes(",")) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
  else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === "Localhost") w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ""}\n`);
  }
}

function command(c: Container, w: PrefixWriter): void {
  if ((c.command ?? []).length > 0) {
    w.write(LEVEL_2, "Command:\n");
    for (const cmd of c.command!) for (const s of cmd.split("\n")) w.write(LEVEL_3, `${s}\n`);
  }
  if ((c.args ?? []).length > 0) {
    w.write(LEVEL_2, "Args:\n");
    for (const arg of c.args!) for (const s of arg.split("\n")) w.write(LEVEL_3, `${s}\n`);
  }
}

function state(status: ContainerStatus, w: PrefixWriter): void {
  describeState("State", status.state ?? {}, w);
  if (status.lastState?.terminated) describeState("Last State", status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${status.ready ? "True" : "False"}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

function describeState(name: string, s: ContainerState, w: PrefixWriter): void {
  if (s.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(s.running.startedAt)}\n`);
  } else if (s.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (s.waiting.reason) w.write(LEVEL_3, `Reason:\t${s.waiting.reason}\n`);
  } else if (s.terminated) {
    const t = s.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

/** describeResources: Limits then Requests, resource names sorted. */
export function describeResources(res: { limits?: Record<string, unknown>; requests?: Record<string, unknown> } | undefined, w: PrefixWriter, level: number): void {
  if (!res) return;
  const limits = res.limits ?? {};
  const requests = res.requests ?? {};
  if (Object.keys(limits).length > 0) w.write(level, "Limits:\n");
  for (const name of Object.keys(limits).sort()) w.write(level + 1, `${name}:\t${quantity(limits[name])}\n`);
  if (Object.keys(requests).length > 0) w.write(level, "Requests:\n");
  for (const name of Object.keys(requests).sort()) w.write(level + 1, `${name}:\t${quantity(requests[name])}\n`);
}

function quantity(q: unknown): string {
  return canonicalQuantity(q) ?? String(q);
}

function probes(c: Container, w: PrefixWriter): void {
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

/** DescribeProbe. Unset timings print the API server's defaults (timeout 1s, period 10s, #success 1, #failure 3). */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(" ")}] ${attrs}`;
  if (p.httpGet) {
    const scheme = String(p.httpGet.scheme ?? "HTTP").toLowerCase();
    const port = String(p.httpGet.port ?? "");
    const host = port.length > 0 ? joinHostPort(p.httpGet.host ?? "", port) : (p.httpGet.host ?? "");
    return `http-get ${scheme}://${host}${p.httpGet.path ?? ""} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ""}:${String(p.tcpSocket.port ?? "")} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

function envFrom(c: Container, w: PrefixWriter): void {
  w.write(LEVEL_2, "Environment Variables from:\n");
  for (const e of c.envFrom ?? []) {
    const from = e.configMapRef ? "ConfigMap" : e.secretRef ? "Secret" : "";
    const ref = e.configMapRef ?? e.secretRef;
    const optional = ref?.optional === true;
    if (!e.prefix) w.write(LEVEL_3, `${ref?.name ?? ""}\t${from}\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${ref?.name ?? ""}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

function env(c: Container, resolver: EnvResolver, w: PrefixWriter): void {
  const list = c.env ?? [];
  w.write(LEVEL_2, `Environment:${list.length === 0 ? "\t<none>" : ""}\n`);
  for (const e of list) {
    if (!e.valueFrom) {
      (e.value ?? "").split("\n").forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      continue;
    }
    const vf = e.valueFrom;
    if (vf.fieldRef) {
      const value = resolver ? resolver(vf.fieldRef.fieldPath) : "";
      w.write(LEVEL_3, `${e.name}:\t${value} (${vf.fieldRef.apiVersion ?? "v1"}:${vf.fieldRef.fieldPath})\n`);
    } else if (vf.resourceFieldRef) {
      const resource = vf.resourceFieldRef.resource;
      let value = containerResourceValue(c, resource, vf.resourceFieldRef.divisor);
      if (value === "0" && (resource === "limits.cpu" || resource === "limits.memory")) value = "node allocatable";
      w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
    } else if (vf.secretKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name ?? ""}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`);
    } else if (vf.configMapKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name ?? ""}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`);
    }
  }
}

/** ExtractContainerResourceValue: the container's own limit or request, divided by the divisor and rounded up. */
function containerResourceValue(c: Container, resource: string, divisor: unknown): string {
  const [kind, name] = resource.split(".");
  const list = (kind === "limits" ? c.resources?.limits : c.resources?.requests) ?? {};
  const raw = parseQuantity(list[name]) ?? 0;
  const div = parseQuantity(divisor ?? "1") || 1;
  return String(Math.ceil(raw / div - 1e-12));
}

function mounts(c: Container, w: PrefixWriter): void {
  const list = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.write(LEVEL_2, `Mounts:${list.length === 0 ? "\t<none>" : ""}\n`);
  for (const m of list) {
    const flags = [m.readOnly ? "ro" : "rw"];
    if (m.subPath) flags.push(`path=${goQuote(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(",")})\n`);
  }
  const devices = [...(c.volumeDevices ?? [])].sort((a, b) => (a.devicePath < b.devicePath ? -1 : 1));
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${list.length === 0 ? "\t<none>" : ""}\n`);
    for (const d of devices) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
  }
}
