/**
 * The lanes of a pod's timeline, computed from its history: kubectl's STATUS and the phase as
 * bands, one band per condition (PodScheduled, Initialized, ContainersReady, Ready), one band per
 * container (waiting, running, terminated, with reasons; back-off gaps marked), a row of probe
 * ticks per container and probe kind, and the events and kubelet actions as markers.
 */
import type { PodHistoryData, PodSample, ProbeTick, TimelineMarker } from "../../worker/pod-history";

/** How a segment looks: the tone gives the colour, the pattern a second, colour-free signal. */
export type SegmentTone = "ok" | "wait" | "done" | "bad" | "backoff" | "off" | "idle";

export interface Segment {
  start: number;
  end: number;
  /** The word drawn in the band ("Running", "CrashLoopBackOff", "True"). */
  label: string;
  tone: SegmentTone;
  /** What hovering says beyond the label (a message, an exit code). */
  detail?: string;
}

export interface Lane {
  id: string;
  /** The name at the left ("STATUS", "Ready", "liveness ✓/✕"). */
  label: string;
  kind: "status" | "phase" | "condition" | "container" | "probe" | "events";
  /** The container a container or probe lane belongs to. */
  container?: string;
  segments: Segment[];
  ticks?: ProbeTick[];
  markers?: TimelineMarker[];
}

/** The conditions drawn, in the order a pod gains them. */
export const TIMELINE_CONDITIONS = ["PodScheduled", "Initialized", "ContainersReady", "Ready"] as const;

const PHASE_TONE: Record<string, SegmentTone> = { Pending: "wait", Running: "ok", Succeeded: "done", Failed: "bad", Unknown: "idle" };

/** The tone of a kubectl STATUS word. */
export function statusTone(status: string): SegmentTone {
  if (status === "Running") return "ok";
  if (status === "Completed" || status === "Succeeded") return "done";
  if (status === "Terminating") return "off";
  if (/BackOff/.test(status)) return "backoff";
  if (/Err|Error|OOMKilled|Failed|Invalid|Evicted|Unknown|NotReady|Signal|ExitCode|DeadlineExceeded/.test(status)) return "bad";
  return "wait";
}

/**
 * Turns a value per sample into segments: sample i holds from its time to the next sample's (the
 * last to `end`); equal neighbours merge; undefined values draw nothing.
 */
function bands(samples: readonly PodSample[], end: number, value: (s: PodSample) => Omit<Segment, "start" | "end"> | undefined): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < samples.length; i++) {
    const start = samples[i].time;
    const stop = i + 1 < samples.length ? samples[i + 1].time : end;
    if (stop <= start && i + 1 < samples.length) continue;
    const v = value(samples[i]);
    if (!v) continue;
    const prev = out.at(-1);
    if (prev && prev.end === start && prev.label === v.label && prev.tone === v.tone && prev.detail === v.detail) prev.end = Math.max(stop, start);
    else out.push({ ...v, start, end: Math.max(stop, start) });
  }
  return out;
}

/** Every lane of a pod's timeline, up to `end` (the clock, or when the pod was deleted). */
export function buildLanes(h: PodHistoryData, now: number): Lane[] {
  const end = h.deletedAt ?? now;
  const s = h.samples;
  const lanes: Lane[] = [
    { id: "status", label: "STATUS", kind: "status", segments: bands(s, end, (x) => ({ label: x.status, tone: statusTone(x.status) })) },
    { id: "phase", label: "Phase", kind: "phase", segments: bands(s, end, (x) => ({ label: x.phase, tone: PHASE_TONE[x.phase] ?? "idle" })) },
  ];
  for (const type of TIMELINE_CONDITIONS) {
    lanes.push({
      id: `cond:${type}`,
      label: type,
      kind: "condition",
      segments: bands(s, end, (x) => {
        const c = x.conditions.find((y) => y.type === type);
        if (!c) return undefined;
        return { label: c.status, tone: c.status === "True" ? "ok" : c.status === "False" ? "off" : "idle", ...(c.reason ? { detail: c.reason } : {}) };
      }),
    });
  }
  const containers = s.at(-1)?.containers ?? [];
  for (const c of containers) {
    const marks = h.markers.filter((m) => m.container === c.name && m.kind !== "event");
    lanes.push({
      id: `c:${c.name}`,
      label: `${c.role === "app" ? "" : `${c.role} `}${c.name}`,
      kind: "container",
      container: c.name,
      segments: bands(s, end, (x) => containerSegment(x, c.name)),
      markers: marks,
    });
    const kinds = [...new Set(h.probes.filter((p) => p.container === c.name).map((p) => p.probe))];
    for (const probe of ["startup", "liveness", "readiness"] as const) {
      if (!kinds.includes(probe)) continue;
      lanes.push({ id: `p:${c.name}:${probe}`, label: `${probe} probe`, kind: "probe", container: c.name, segments: [], ticks: h.probes.filter((p) => p.container === c.name && p.probe === probe) });
    }
  }
  lanes.push({ id: "events", label: "Events", kind: "events", segments: [], markers: h.markers.filter((m) => m.kind === "event" || m.kind === "sandbox") });
  return lanes;
}

function containerSegment(x: PodSample, name: string): Omit<Segment, "start" | "end"> | undefined {
  const c = x.containers.find((y) => y.name === name);
  if (!c || c.state === "none") return undefined;
  const restarts = c.restartCount > 0 ? `, ${c.restartCount} ${c.restartCount === 1 ? "restart" : "restarts"}` : "";
  switch (c.state) {
    case "running":
      return c.ready || c.role === "init" ? { label: "running", tone: "ok", detail: `Running${c.role === "init" ? "" : ", ready"}${restarts}` } : { label: "running, not ready", tone: "wait", detail: `Running, not ready${restarts}` };
    case "waiting": {
      const reason = c.reason ?? "Waiting";
      return { label: reason === "CrashLoopBackOff" ? "back-off" : reason, tone: reason === "CrashLoopBackOff" ? "backoff" : statusTone(reason), detail: `Waiting: ${reason}${restarts}` };
    }
    case "terminated": {
      const reason = c.reason ?? `exit ${c.exitCode ?? "?"}`;
      return { label: reason, tone: c.exitCode === 0 ? "done" : "bad", detail: `Terminated: ${reason}, exit code ${c.exitCode ?? "?"}${restarts}` };
    }
  }
}

/** The earliest and latest instants a history covers. */
export function historySpan(h: PodHistoryData, now: number): { start: number; end: number } {
  return { start: Math.min(h.createdAt, h.samples[0]?.time ?? h.createdAt), end: h.deletedAt ?? now };
}
