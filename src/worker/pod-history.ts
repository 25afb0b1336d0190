/**
 * PodHistory is what happened to each pod over virtual time, for the per-pod timeline: a sample of
 * the pod's status every time it changed (phase, kubectl's STATUS, conditions, each container's
 * state), every probe run, and markers for what the kubelet did or reported (events, hooks, kills,
 * container exits and restarts, image pulls, the sandbox).
 *
 * It is fed from the store's watch and the trace, so a rebuild (a rewind replays the recorded inputs
 * on a fresh cluster) rebuilds it exactly. Memory is bounded: each pod keeps at most so many entries
 * of each sort (the oldest go first), and a deleted pod's history is kept only for a while.
 */
import type { ContainerStatus, Event, Pod } from "kubernetes-types/core/v1";
import type { WatchEvent } from "../sim/store/store";
import type { TraceEvent } from "../sim/trace";
import { isRestartable, podColumns } from "./pod-status";

export type ContainerRoleLite = "init" | "sidecar" | "app" | "ephemeral";
export type ProbeKind = "startup" | "liveness" | "readiness";

/** One container's state in a sample. */
export interface ContainerSample {
  name: string;
  role: ContainerRoleLite;
  state: "none" | "waiting" | "running" | "terminated";
  reason?: string;
  exitCode?: number;
  restartCount: number;
  ready: boolean;
}

/** One pod condition in a sample. */
export interface ConditionSample {
  type: string;
  status: string;
  reason?: string;
}

/** The pod's status at one instant: taken whenever it changed. */
export interface PodSample {
  /** Virtual ms. */
  time: number;
  phase: string;
  /** kubectl's STATUS column ("Init:0/1", "CrashLoopBackOff", "Terminating"). */
  status: string;
  node?: string;
  conditions: ConditionSample[];
  containers: ContainerSample[];
}

/** One probe run. */
export interface ProbeTick {
  time: number;
  container: string;
  probe: ProbeKind;
  result: "success" | "failure" | "warning" | "unknown";
  message?: string;
}

/** What a marker on the timeline stands for. */
export type MarkerKind = "event" | "hook" | "exit" | "restart" | "kill" | "sandbox";

/** A point on the timeline: an event, a hook run, a container exit or restart. */
export interface TimelineMarker {
  time: number;
  kind: MarkerKind;
  /** The container it concerns, if any. */
  container?: string;
  /** A short label ("Unhealthy", "postStart", "exit 137 OOMKilled"). */
  label: string;
  /** The full text (the event's message, the hook's handler and outcome). */
  detail?: string;
  /** Warning events, failed hooks, non-zero exits. */
  warning?: boolean;
}

/** The history of one pod, as the page receives it. */
export interface PodHistoryData {
  namespace: string;
  name: string;
  uid: string;
  /** Virtual ms the pod was created. */
  createdAt: number;
  /** Virtual ms the pod was removed from the API, if it was. */
  deletedAt?: number;
  samples: PodSample[];
  probes: ProbeTick[];
  markers: TimelineMarker[];
  /** Entries dropped (the oldest) to keep within the caps. */
  dropped: number;
}

/** How much history is kept: per pod, and for pods that are gone. */
export const HISTORY_LIMITS = {
  samples: 400,
  probes: 2000,
  markers: 600,
  /** Deleted pods whose history is kept, newest first. */
  gonePods: 200,
  /** How long (virtual ms) a deleted pod's history is kept. */
  goneMs: 30 * 60_000,
};

interface Entry extends PodHistoryData {
  /** Signature of the last sample, so an unchanged status adds nothing. */
  lastSig: string;
}

/** Keeps per-pod history from watch and trace events. */
export class PodHistory {
  private pods = new Map<string, Entry>();
  /** Keys of deleted pods, oldest first. */
  private gone: string[] = [];

  constructor(
    /** RFC 3339 → virtual ms (the cluster clock's parseTimestamp). */
    private readonly parseTime: (ts: string) => number,
    private readonly limits = HISTORY_LIMITS,
  ) {}

  /** Notes a committed write. */
  noteWrite(e: WatchEvent): void {
    if (e.kind === "Pod") this.notePod(e);
    else if (e.kind === "Event" && e.type !== "DELETED") this.noteEvent(e);
  }

  /** Notes a trace event about a pod. */
  noteTrace(e: TraceEvent): void {
    if (e.object?.kind !== "Pod") return;
    const entry = this.pods.get(`${e.object.namespace}/${e.object.name}`);
    if (!entry || entry.deletedAt !== undefined) return;
    const d = e.detail ?? {};
    const container = typeof d.container === "string" ? d.container : undefined;
    switch (e.action) {
      case "probe": {
        const probe = String(d.probe ?? "") as ProbeKind;
        if (!container || !["startup", "liveness", "readiness"].includes(probe)) return;
        const result = d.result === "success" || d.result === "failure" || d.result === "warning" ? d.result : "unknown";
        const tick: ProbeTick = { time: e.time, container, probe, result };
        const message = typeof d.message === "string" ? d.message.trimEnd() : "";
        if (message) tick.message = message;
        this.push(entry, entry.probes, tick, this.limits.probes);
        return;
      }
      case "hook": {
        if (d.phase !== "done") return;
        const ok = d.ok !== false;
        const hook = String(d.hook ?? "hook");
        const detail = [typeof d.handler === "string" ? d.handler : "", ok ? "succeeded" : `failed${typeof d.message === "string" && d.message ? `: ${d.message}` : ""}`].filter(Boolean).join(" — ");
        this.marker(entry, { time: e.time, kind: "hook", container, label: hook, detail, ...(ok ? {} : { warning: true }) });
        return;
      }
      case "container-exit": {
        const code = typeof d.exitCode === "number" ? d.exitCode : undefined;
        const reason = typeof d.reason === "string" ? d.reason : undefined;
        const label = `exit ${code ?? "?"}${reason ? ` ${reason}` : ""}`;
        this.marker(entry, { time: e.time, kind: "exit", container, label, ...(code !== 0 ? { warning: true } : {}) });
        return;
      }
      case "container-start": {
        const attempt = typeof d.attempt === "number" ? d.attempt : 0;
        if (attempt > 0) this.marker(entry, { time: e.time, kind: "restart", container, label: `restart #${attempt}` });
        return;
      }
      case "kill": {
        const grace = typeof d.gracePeriodSeconds === "number" ? `, grace period ${d.gracePeriodSeconds}s` : "";
        this.marker(entry, { time: e.time, kind: "kill", container, label: "kill", detail: `${typeof d.message === "string" ? d.message : "Stopping container"}${grace}` });
        return;
      }
      case "sandbox-create":
        if (d.phase === "done") this.marker(entry, { time: e.time, kind: "sandbox", label: "sandbox", detail: `Infra (pause) container ready${typeof d.ip === "string" && d.ip ? `, pod IP ${d.ip}` : ""}` });
        return;
      case "sandbox-stop":
        this.marker(entry, { time: e.time, kind: "sandbox", label: "sandbox stopped", detail: "Infra (pause) container stopped" });
        return;
    }
  }

  /** The history of a pod ("namespace", "name"), or undefined when none is kept. */
  get(namespace: string, name: string): PodHistoryData | undefined {
    const e = this.pods.get(`${namespace}/${name}`);
    if (!e) return undefined;
    const out: PodHistoryData = {
      namespace: e.namespace,
      name: e.name,
      uid: e.uid,
      createdAt: e.createdAt,
      samples: e.samples.slice(),
      probes: e.probes.slice(),
      markers: e.markers.slice(),
      dropped: e.dropped,
    };
    if (e.deletedAt !== undefined) out.deletedAt = e.deletedAt;
    return out;
  }

  /** How many pods have a history (for tests and the memory bound). */
  get size(): number {
    return this.pods.size;
  }

  // ---- pods ---------------------------------------------------------------------------------

  private notePod(e: WatchEvent): void {
    const pod = e.object as Pod;
    const ns = pod.metadata?.namespace ?? "";
    const name = pod.metadata?.name ?? "";
    const key = `${ns}/${name}`;
    let entry = this.pods.get(key);
    const uid = pod.metadata?.uid ?? "";
    if (e.type === "DELETED") {
      if (!entry || entry.uid !== uid) return;
      entry.deletedAt = e.time;
      this.gone.push(key);
      this.prune(e.time);
      return;
    }
    if (!entry || entry.uid !== uid) {
      // A new pod, or a new one under a reused name (a StatefulSet's pod): a fresh history.
      if (entry) this.gone = this.gone.filter((k) => k !== key);
      const created = pod.metadata?.creationTimestamp ? this.parseTime(pod.metadata.creationTimestamp) : e.time;
      entry = { namespace: ns, name, uid, createdAt: e.type === "ADDED" ? e.time : Math.min(created, e.time), samples: [], probes: [], markers: [], dropped: 0, lastSig: "" };
      this.pods.set(key, entry);
    }
    const sample = sampleOf(pod, e.time);
    const sig = signature(sample);
    if (sig === entry.lastSig) return;
    entry.lastSig = sig;
    this.push(entry, entry.samples, sample, this.limits.samples);
  }

  private noteEvent(e: WatchEvent): void {
    const ev = e.object as Event;
    const io = ev.involvedObject;
    if (io?.kind !== "Pod") return;
    const old = e.old as Event | undefined;
    // A re-count (the same event again) is a new occurrence; other rewrites are not.
    if (e.type === "MODIFIED" && (old?.count ?? 1) === (ev.count ?? 1)) return;
    const entry = this.pods.get(`${io.namespace ?? ""}/${io.name ?? ""}`);
    if (!entry || entry.deletedAt !== undefined || (io.uid && io.uid !== entry.uid)) return;
    const container = containerOfFieldPath(io.fieldPath);
    const m: TimelineMarker = { time: e.time, kind: "event", label: ev.reason ?? "", detail: (ev.message ?? "").trimEnd() };
    if (container) m.container = container;
    if (ev.type === "Warning") m.warning = true;
    this.marker(entry, m);
  }

  private marker(entry: Entry, m: TimelineMarker): void {
    if (m.container === undefined) delete m.container;
    this.push(entry, entry.markers, m, this.limits.markers);
  }

  private push<T>(entry: Entry, list: T[], item: T, cap: number): void {
    list.push(item);
    if (list.length > cap) {
      // Drop a tenth at once, so a busy pod does not shift its list on every entry.
      const n = Math.max(1, Math.floor(cap / 10));
      list.splice(0, n);
      entry.dropped += n;
    }
  }

  /** Forgets deleted pods beyond the count and age limits. */
  private prune(now: number): void {
    while (this.gone.length > 0) {
      const key = this.gone[0];
      const entry = this.pods.get(key);
      const stale = !entry || entry.deletedAt === undefined || now - entry.deletedAt > this.limits.goneMs || this.gone.length > this.limits.gonePods;
      if (!stale) break;
      this.gone.shift();
      if (entry && entry.deletedAt !== undefined) this.pods.delete(key);
    }
  }
}

/** "spec.containers{liveness}" → "liveness". */
export function containerOfFieldPath(fieldPath: string | undefined): string | undefined {
  if (!fieldPath) return undefined;
  const m = /^spec\.(?:initContainers|containers|ephemeralContainers)\{(.+)\}$/.exec(fieldPath);
  return m?.[1];
}

/** The sample of a pod's status at `time`. */
export function sampleOf(pod: Pod, time: number): PodSample {
  const status = pod.status ?? {};
  const containers: ContainerSample[] = [];
  const add = (name: string, role: ContainerRoleLite, s: ContainerStatus | undefined) => {
    const st = s?.state;
    const c: ContainerSample = { name, role, state: st?.running ? "running" : st?.terminated ? "terminated" : st?.waiting ? "waiting" : "none", restartCount: s?.restartCount ?? 0, ready: s?.ready ?? false };
    const reason = st?.waiting?.reason ?? st?.terminated?.reason;
    if (reason) c.reason = reason;
    if (st?.terminated) c.exitCode = st.terminated.exitCode;
    containers.push(c);
  };
  const find = (list: ContainerStatus[] | undefined, name: string) => list?.find((x) => x.name === name);
  for (const c of pod.spec?.initContainers ?? []) add(c.name, isRestartable(c) ? "sidecar" : "init", find(status.initContainerStatuses, c.name));
  for (const c of pod.spec?.containers ?? []) add(c.name, "app", find(status.containerStatuses, c.name));
  for (const c of pod.spec?.ephemeralContainers ?? []) add(c.name, "ephemeral", find(status.ephemeralContainerStatuses, c.name));
  const sample: PodSample = {
    time,
    phase: status.phase ?? "Pending",
    status: podColumns(pod).status,
    conditions: (status.conditions ?? []).map((c) => ({ type: c.type, status: c.status, ...(c.reason ? { reason: c.reason } : {}) })),
    containers,
  };
  if (pod.spec?.nodeName) sample.node = pod.spec.nodeName;
  return sample;
}

function signature(s: PodSample): string {
  let sig = `${s.phase}|${s.status}|${s.node ?? ""}`;
  for (const c of s.conditions) sig += `|${c.type}=${c.status}:${c.reason ?? ""}`;
  for (const c of s.containers) sig += `|${c.name}:${c.state}:${c.reason ?? ""}:${c.exitCode ?? ""}:${c.restartCount}:${c.ready ? 1 : 0}`;
  return sig;
}
