/**
 * The activity bus carries what the cluster just did — who wrote what, probe ticks, requests — to
 * the parts of the page that light up: control-plane components, node agents, probe dots, request
 * dots on service links. It is transient animation, so it travels outside React and outside React
 * Flow's node data: subscribers animate DOM elements directly.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { ActivityEvent, Batch, PodRuntimeView, WriteEvent } from "../../worker/protocol";
import { rememberLeaving } from "./ghosts";

/** A component lit up with what it did. */
export interface Flash {
  /** "kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager", "controller/replicaset-controller", "kubelet/node-1", ... */
  id: string;
  /** What it did, in a few words: "bind pod default/nginx to node-1". */
  action: string;
  time: number;
}

/** A probe tick on a container. */
export interface ProbeTick {
  /** "namespace/name" of the pod. */
  pod: string;
  container: string;
  type: "startup" | "liveness" | "readiness";
  result: "success" | "failure";
}

/** A request travelling from a Service to one of its endpoint pods. */
export interface RequestDot {
  /** "namespace/name" of the Service and of the pod. */
  service: string;
  pod: string;
  ok: boolean;
}

type Listener<T> = (items: T[]) => void;

const flashListeners = new Set<Listener<Flash>>();
const probeListeners = new Set<Listener<ProbeTick>>();
const requestListeners = new Set<Listener<RequestDot>>();

export function onFlash(l: Listener<Flash>): () => void {
  flashListeners.add(l);
  return () => flashListeners.delete(l);
}
export function onProbe(l: Listener<ProbeTick>): () => void {
  probeListeners.add(l);
  return () => probeListeners.delete(l);
}
export function onRequest(l: Listener<RequestDot>): () => void {
  requestListeners.add(l);
  return () => requestListeners.delete(l);
}

/** Components whose trace events happen on a node. */
const NODE_LOCAL: Record<string, string> = { kubelet: "kubelet", "kube-proxy": "kube-proxy", containerd: "containerd", cni: "containerd", csi: "kubelet", runtime: "containerd" };

/** True for the loops kube-controller-manager runs ("replicaset-controller", "root-ca-cert-publisher", ...). */
export function isController(name: string): boolean {
  return /-(controller|publisher|collector|binder|cleaner)$/.test(name) || name === "garbage-collector";
}

/** The lit-up ids for a writer: the API server and etcd commit every write. */
export function writerIds(actor: string): string[] {
  if (actor.startsWith("kubelet/")) return [actor];
  if (isController(actor)) return ["kube-controller-manager", `controller/${actor}`];
  if (actor.startsWith("kubectl")) return ["kubectl"];
  if (actor === "apiserver") return ["kube-apiserver"];
  return [actor];
}

/** The lit-up ids for a trace event's component. */
export function traceIds(e: Pick<ActivityEvent, "component" | "node">): string[] {
  const local = NODE_LOCAL[e.component];
  if (local && e.node) return [`${local}/${e.node}`];
  if (isController(e.component)) return ["kube-controller-manager", `controller/${e.component}`];
  if (e.component === "apiserver") return ["kube-apiserver"];
  return [e.component];
}

function describeWrite(w: WriteEvent): string {
  const verb = w.type === "ADDED" ? "create" : w.type === "DELETED" ? "delete" : "update";
  const what = w.namespace ? `${w.namespace}/${w.name}` : w.name;
  return `${verb} ${w.kind} ${what}`;
}

function describeTrace(e: ActivityEvent): string {
  const what = e.object ? ` ${e.object.kind} ${e.object.namespace ? `${e.object.namespace}/` : ""}${e.object.name}` : "";
  const d = e.detail ?? {};
  const extra = typeof d.container === "string" ? ` (${d.container})` : typeof d.node === "string" ? ` → ${d.node}` : "";
  return `${e.action}${what}${extra}`;
}

/** Reads a probe tick from a trace event, if it is one. */
export function probeTick(e: ActivityEvent): ProbeTick | undefined {
  if (!/probe/i.test(e.action) || e.object?.kind !== "Pod") return undefined;
  const d = e.detail ?? {};
  const container = (d.container ?? d.containerName) as string | undefined;
  const raw = String(d.probe ?? d.probeType ?? d.type ?? "").toLowerCase();
  const type = (["startup", "liveness", "readiness"] as const).find((t) => raw.startsWith(t));
  const r = d.result ?? d.ok ?? d.success;
  const result = r === true || r === "success" || r === "Success" ? "success" : r === false || r === "failure" || r === "Failure" ? "failure" : undefined;
  if (!container || !type || !result) return undefined;
  return { pod: `${e.object.namespace}/${e.object.name}`, container, type, result };
}

/**
 * Reads a request from a trace event: kube-proxy's `route` of a Service, with the chosen endpoint's
 * pod in the detail (`to: "namespace/name"`).
 */
export function requestDot(e: ActivityEvent): RequestDot | undefined {
  if (e.object?.kind !== "Service") return undefined;
  const d = e.detail ?? {};
  const target = (d.to ?? d.pod ?? d.target) as string | undefined;
  if (typeof target !== "string" || target === "") return undefined;
  const pod = target.includes("/") ? target : `${e.object.namespace}/${target}`;
  const ok = d.ok !== false && d.result !== "failure" && d.error === undefined;
  return { service: `${e.object.namespace}/${e.object.name}`, pod, ok };
}

/** At most this many node agents light up per frame: in a big cluster all of them act at once. */
const AGENT_FLASHES_PER_FRAME = 24;

function isAgent(id: string): boolean {
  return id.startsWith("kubelet/") || id.startsWith("kube-proxy/") || id.startsWith("containerd/");
}

/** Publishes one batch's activity to every listener. */
export function publishActivity(batch: Pick<Batch, "activity" | "writes">, removedPods: Pod[] = [], removedViews?: ReadonlyMap<string, PodRuntimeView>): void {
  const flashes = new Map<string, Flash>();
  let agents = 0;
  const light = (ids: string[], action: string, time: number) => {
    for (const id of ids) {
      if (isAgent(id) && !flashes.has(id) && ++agents > AGENT_FLASHES_PER_FRAME) continue;
      flashes.set(id, { id, action, time });
    }
  };
  for (const w of batch.writes) {
    const action = describeWrite(w);
    light(["kube-apiserver", "etcd"], action, w.time);
    light(writerIds(w.actor), action, w.time);
  }
  const probes: ProbeTick[] = [];
  const requests: RequestDot[] = [];
  for (const e of batch.activity) {
    light(traceIds(e), describeTrace(e), e.time);
    const p = probeTick(e);
    if (p) probes.push(p);
    const r = requestDot(e);
    if (r) {
      requests.push(r);
      light([`service/${r.service}`], `route to ${r.pod}`, e.time);
    }
  }
  for (const pod of removedPods) rememberLeaving(pod, removedViews?.get(`${pod.metadata?.namespace ?? ""}/${pod.metadata?.name ?? ""}`));
  if (flashes.size > 0) for (const l of flashListeners) l([...flashes.values()]);
  if (probes.length > 0) for (const l of probeListeners) l(probes);
  if (requests.length > 0) for (const l of requestListeners) l(requests);
}
