/**
 * The runtime view of a pod: what the node actually runs for it — the sandbox (Infra/pause
 * container) holding the network namespace and the pod IP, each container instance with its state,
 * restart count, back-off and probe results, and the volumes with their mounts. The page draws it
 * inside the pod card.
 *
 * This file is the one adapter between the simulation and that view. It derives the view from the
 * Pod object (spec and status, as the kubelet's status manager writes them) and the kubelet's trace
 * events (probe ticks), and, when the cluster runs kubelets, refines it with the kubelet's own
 * runtime view (sandboxes, container instances, back-off deadlines, probe verdicts, mounts).
 */
import type { Container, Pod, Probe, Volume } from "kubernetes-types/core/v1";
import type { Cluster, Component } from "../sim/cluster";
import type { PodRuntimeView as KubeletPodView } from "../sim/kubelet/view";
import type { TraceEvent } from "../sim/trace";
import { isRestartable, podColumns, qosClass } from "./pod-status";

export type ContainerRole = "init" | "sidecar" | "app" | "ephemeral";
export type ProbeType = "startup" | "liveness" | "readiness";

/** The Infra (pause) container: it holds the pod's network namespace and IP. */
export interface SandboxView {
  /** none: not on a node yet; creating: the kubelet is setting it up; ready: running; stopped: torn down. */
  state: "none" | "creating" | "ready" | "stopped";
  podIP?: string;
  pauseImage: string;
  hostNetwork: boolean;
}

export interface ProbeView {
  type: ProbeType;
  /** kubectl describe's short form: "http-get :80/healthz", "exec [cat /tmp/healthy]", "tcp-socket :6379". */
  handler: string;
  periodSeconds: number;
  /** The last result the kubelet reported, and when (virtual ms). */
  last?: "success" | "failure";
  lastAt?: number;
}

export interface MountView {
  volume: string;
  mountPath: string;
  readOnly: boolean;
  subPath?: string;
}

export interface ContainerView {
  name: string;
  role: ContainerRole;
  image: string;
  /** none: not created yet. */
  state: "none" | "waiting" | "running" | "terminated";
  reason?: string;
  message?: string;
  exitCode?: number;
  restartCount: number;
  ready: boolean;
  started: boolean;
  /** The container ID of this instance ("containerd://…"); a restart makes a new instance. */
  containerID?: string;
  /** How many instances the runtime has created for this container so far. */
  instances?: number;
  /** Virtual ms. */
  startedAt?: number;
  finishedAt?: number;
  /** While in back-off (CrashLoopBackOff): when the kubelet will try again (virtual ms), and the delay. */
  backOffUntil?: number;
  backOffMs?: number;
  /** The previous instance's end, for "last state". */
  lastTerminated?: { reason?: string; exitCode: number };
  probes: ProbeView[];
  mounts: MountView[];
}

export interface VolumeView {
  name: string;
  /** The volume source's field name: "emptyDir", "configMap", "secret", "persistentVolumeClaim", "hostPath", ... */
  type: string;
  /** The API object it comes from, for configMap, secret and persistentVolumeClaim volumes. */
  source?: { kind: "ConfigMap" | "Secret" | "PersistentVolumeClaim"; name: string };
  /** A short detail: the hostPath path, an emptyDir medium. */
  detail?: string;
  /** Whether the kubelet has mounted it (known only when the kubelet reports), and why not. */
  mounted?: boolean;
  error?: string;
}

export interface PodRuntimeView {
  /** "namespace/name" */
  key: string;
  uid: string;
  /** kubectl's STATUS column. */
  statusText: string;
  /** kubectl's READY column ("1/2"). */
  ready: string;
  restarts: number;
  /** Virtual ms of the last restart. */
  lastRestartAt?: number;
  qosClass: string;
  sandbox: SandboxView;
  /** Init containers (in order), sidecars, app containers, ephemeral containers. */
  containers: ContainerView[];
  volumes: VolumeView[];
  /** Where the runtime part came from: the kubelet's own view, or the pod's status alone. */
  source: "kubelet" | "status";
}

/** What the kubelet component offers: the runtime view of a pod it runs. */
interface KubeletViews {
  podView(namespace: string, name: string): KubeletPodView | undefined;
}

/** The pause image containerd runs for every sandbox in Kubernetes v1.31. */
export const PAUSE_IMAGE = "registry.k8s.io/pause:3.10";

const VOLUME_SOURCE_KIND = { configMap: "ConfigMap", secret: "Secret", persistentVolumeClaim: "PersistentVolumeClaim" } as const;

/** Builds runtime views for a cluster, remembering probe results from the trace. */
export class RuntimeViews {
  /** "ns/name" → "container/type" → last result. */
  private probes = new Map<string, Map<string, { result: "success" | "failure"; at: number }>>();

  constructor(private readonly cluster: Cluster) {}

  /**
   * Notes a trace event; returns the key of the pod whose view it changes, if any. Probe events are
   * `{action: "probe", object: Pod, detail: {container, probe: "liveness"|..., result: "success"|"failure"}}`.
   */
  noteTrace(e: TraceEvent): string | undefined {
    if (e.object?.kind !== "Pod") return undefined;
    const key = `${e.object.namespace}/${e.object.name}`;
    const probe = probeOf(e);
    if (probe) {
      let m = this.probes.get(key);
      if (!m) this.probes.set(key, (m = new Map()));
      m.set(`${probe.container}/${probe.type}`, { result: probe.result, at: e.time });
    }
    return key;
  }

  /** Forgets what was remembered about a pod that is gone. */
  forget(key: string): void {
    this.probes.delete(key);
  }

  /** The view of a pod, or undefined when it does not exist. */
  view(namespace: string, name: string): PodRuntimeView | undefined {
    const pod = this.cluster.store.get("Pod", namespace, name) as Pod | undefined;
    if (!pod) return undefined;
    const base = podView(pod, (ts) => this.cluster.clock.parseTimestamp(ts), this.probes.get(`${namespace}/${name}`));
    const kubelet = this.cluster.component<Component & Partial<KubeletViews>>("kubelet");
    const kv = typeof kubelet?.podView === "function" ? kubelet.podView(namespace, name) : undefined;
    return kv ? withKubeletView(base, kv) : base;
  }
}

/** Derives the view of a pod from its spec and status. `parseTime` maps RFC 3339 to virtual ms. */
export function podView(
  pod: Pod,
  parseTime: (ts: string) => number,
  probeResults?: ReadonlyMap<string, { result: "success" | "failure"; at: number }>,
): PodRuntimeView {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const cols = podColumns(pod);
  const key = `${pod.metadata?.namespace ?? ""}/${pod.metadata?.name ?? ""}`;
  const t = (ts: string | undefined) => (ts ? parseTime(ts) : undefined);

  const containers: ContainerView[] = [];
  const add = (c: Container, role: ContainerRole, statusList: typeof status.containerStatuses) => {
    const s = statusList?.find((x) => x.name === c.name);
    const state = s?.state;
    const view: ContainerView = {
      name: c.name,
      role,
      image: c.image ?? "",
      state: state?.running ? "running" : state?.terminated ? "terminated" : state?.waiting ? "waiting" : "none",
      restartCount: s?.restartCount ?? 0,
      ready: s?.ready ?? false,
      started: s?.started ?? false,
      probes: probesOf(c, probeResults),
      mounts: (c.volumeMounts ?? []).map((m) => ({ volume: m.name, mountPath: m.mountPath, readOnly: !!m.readOnly, ...(m.subPath ? { subPath: m.subPath } : {}) })),
    };
    if (s?.containerID) view.containerID = s.containerID;
    if (state?.waiting) {
      view.reason = state.waiting.reason;
      view.message = state.waiting.message;
      const backOff = backOffOf(state.waiting.reason, state.waiting.message);
      const lastEnd = t(s?.lastState?.terminated?.finishedAt);
      if (backOff !== undefined && lastEnd !== undefined) {
        view.backOffMs = backOff;
        view.backOffUntil = lastEnd + backOff;
      }
    } else if (state?.running) {
      view.startedAt = t(state.running.startedAt);
    } else if (state?.terminated) {
      view.reason = state.terminated.reason;
      view.message = state.terminated.message;
      view.exitCode = state.terminated.exitCode;
      view.startedAt = t(state.terminated.startedAt);
      view.finishedAt = t(state.terminated.finishedAt);
    }
    const last = s?.lastState?.terminated;
    if (last) view.lastTerminated = { reason: last.reason, exitCode: last.exitCode };
    containers.push(view);
  };
  const inits = spec?.initContainers ?? [];
  for (const c of inits) if (!isRestartable(c)) add(c, "init", status.initContainerStatuses);
  for (const c of inits) if (isRestartable(c)) add(c, "sidecar", status.initContainerStatuses);
  for (const c of spec?.containers ?? []) add(c, "app", status.containerStatuses);
  for (const c of spec?.ephemeralContainers ?? []) add(c as Container, "ephemeral", status.ephemeralContainerStatuses);

  return {
    key,
    uid: pod.metadata?.uid ?? "",
    statusText: cols.status,
    ready: cols.ready,
    restarts: cols.restarts,
    ...(cols.lastRestart ? { lastRestartAt: parseTime(cols.lastRestart) } : {}),
    qosClass: qosClass(pod),
    sandbox: sandboxOf(pod),
    containers,
    volumes: (spec?.volumes ?? []).map(volumeOf),
    source: "status",
  };
}

/** Refines a view derived from the pod's status with what the kubelet itself knows. */
export function withKubeletView(base: PodRuntimeView, kv: KubeletPodView): PodRuntimeView {
  const view: PodRuntimeView = { ...base, source: "kubelet" };
  const sb = kv.sandbox;
  if (sb) {
    const state = sb.state === "ready" ? "ready" : "stopped";
    view.sandbox = { ...base.sandbox, state, ...(sb.ip ? { podIP: sb.ip } : {}), pauseImage: sb.pauseImage };
  }
  const byName = new Map(kv.containers.map((c) => [c.name, c]));
  const probes = new Map(kv.probes.map((p) => [`${p.container}/${p.type}`, p]));
  view.containers = base.containers.map((c) => {
    const k = byName.get(c.name);
    const out: ContainerView = { ...c };
    if (k) {
      const live = k.instances.filter((i) => i.state !== "removed");
      out.instances = k.instances.length;
      if (k.instances[0] && !out.containerID) out.containerID = `containerd://${k.instances[0].id}`;
      if (k.backOffUntil !== undefined) out.backOffUntil = k.backOffUntil;
      else delete out.backOffUntil;
      if (live.length === 0 && out.state === "none" && k.lastFailure) {
        out.state = "waiting";
        out.reason = k.lastFailure.reason;
        out.message = k.lastFailure.message;
      }
    }
    out.probes = c.probes.map((p) => {
      const kp = probes.get(`${c.name}/${p.type}`);
      const last = kp?.history.at(-1);
      if (!kp || !last || (last.result !== "success" && last.result !== "failure")) return p;
      return { ...p, last: last.result, lastAt: last.time };
    });
    return out;
  });
  const vols = new Map(kv.volumes.map((v) => [v.name, v]));
  view.volumes = base.volumes.map((v) => {
    const k = vols.get(v.name);
    return k ? { ...v, mounted: k.mounted, ...(k.error ? { error: k.error } : {}) } : v;
  });
  return view;
}

function sandboxOf(pod: Pod): SandboxView {
  const status = pod.status ?? {};
  const hostNetwork = !!pod.spec?.hostNetwork;
  const base = { pauseImage: PAUSE_IMAGE, hostNetwork };
  if (!pod.spec?.nodeName) return { ...base, state: "none" };
  const podIP = status.podIP ?? status.podIPs?.[0]?.ip;
  const withIP = podIP ? { podIP } : {};
  if (status.phase === "Succeeded" || status.phase === "Failed") return { ...base, ...withIP, state: "stopped" };
  const readyToStart = status.conditions?.find((c) => c.type === "PodReadyToStartContainers");
  if (readyToStart) return { ...base, ...withIP, state: readyToStart.status === "True" ? "ready" : "creating" };
  return { ...base, ...withIP, state: podIP ? "ready" : "creating" };
}

function volumeOf(v: Volume): VolumeView {
  const type = Object.keys(v).find((k) => k !== "name") ?? "emptyDir";
  const src = (v as unknown as Record<string, Record<string, unknown> | undefined>)[type] ?? {};
  const view: VolumeView = { name: v.name, type };
  const kind = VOLUME_SOURCE_KIND[type as keyof typeof VOLUME_SOURCE_KIND];
  const name = type === "configMap" ? src.name : type === "secret" ? src.secretName : type === "persistentVolumeClaim" ? src.claimName : undefined;
  if (kind && typeof name === "string") view.source = { kind, name };
  if (type === "hostPath" && typeof src.path === "string") view.detail = src.path;
  if (type === "emptyDir" && typeof src.medium === "string" && src.medium) view.detail = src.medium;
  return view;
}

function probesOf(c: Container, results?: ReadonlyMap<string, { result: "success" | "failure"; at: number }>): ProbeView[] {
  const out: ProbeView[] = [];
  const each: [ProbeType, Probe | undefined][] = [
    ["startup", c.startupProbe],
    ["liveness", c.livenessProbe],
    ["readiness", c.readinessProbe],
  ];
  for (const [type, p] of each) {
    if (!p) continue;
    const r = results?.get(`${c.name}/${type}`);
    out.push({ type, handler: probeHandler(p), periodSeconds: p.periodSeconds ?? 10, ...(r ? { last: r.result, lastAt: r.at } : {}) });
  }
  return out;
}

/** The probe's action as kubectl describe abbreviates it. */
export function probeHandler(p: Probe): string {
  if (p.httpGet) return `http-get ${(p.httpGet.scheme ?? "HTTP").toLowerCase()}://${p.httpGet.host ?? ""}:${p.httpGet.port}${p.httpGet.path ?? "/"}`;
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ""}:${p.tcpSocket.port}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(" ")}]`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ""}`.trimEnd();
  return "unknown";
}

/** The back-off delay in a kubelet waiting message ("back-off 40s restarting failed container=…"). */
function backOffOf(reason: string | undefined, message: string | undefined): number | undefined {
  if (reason !== "CrashLoopBackOff" || !message) return undefined;
  const m = /back-off (\d+(?:\.\d+)?)(ms|s|m)(?:(\d+)s)?/.exec(message);
  if (!m) return undefined;
  const n = Number(m[1]);
  const base = m[2] === "ms" ? n : m[2] === "s" ? n * 1000 : n * 60_000;
  return base + (m[3] ? Number(m[3]) * 1000 : 0);
}

/** Reads a probe tick from a trace event, tolerating the detail's spelling. */
function probeOf(e: TraceEvent): { container: string; type: ProbeType; result: "success" | "failure" } | undefined {
  if (!/probe/i.test(e.action)) return undefined;
  const d = e.detail ?? {};
  const container = (d.container ?? d.containerName) as string | undefined;
  const rawType = String(d.probe ?? d.probeType ?? d.type ?? "").toLowerCase();
  const type = (["startup", "liveness", "readiness"] as const).find((t) => rawType.startsWith(t));
  const raw = d.result ?? d.ok ?? d.success;
  const result = raw === true || raw === "success" || raw === "Success" ? "success" : raw === false || raw === "failure" || raw === "Failure" ? "failure" : undefined;
  if (!container || !type || !result) return undefined;
  return { container, type, result };
}
