import { describe, expect, it } from "vitest";
import type { PodHistoryData, PodSample } from "../../worker/pod-history";
import { scale, tickLabel, ticks } from "./axis";
import { buildLanes } from "./lanes";

const sample = (time: number, o: Partial<PodSample> & { c?: Partial<PodSample["containers"][0]> }): PodSample => ({
  time,
  phase: o.phase ?? "Running",
  status: o.status ?? "Running",
  conditions: o.conditions ?? [],
  containers: [{ name: "liveness", role: "app", state: "running", restartCount: 0, ready: true, ...o.c }],
});

const history: PodHistoryData = {
  namespace: "default",
  name: "test-liveness-exec",
  uid: "u",
  createdAt: 0,
  dropped: 0,
  samples: [
    sample(0, { phase: "Pending", status: "Pending", c: { state: "none" } }),
    sample(10, { phase: "Pending", status: "Pending", conditions: [{ type: "PodScheduled", status: "True" }], c: { state: "none" } }),
    sample(1000, { status: "Running", conditions: [{ type: "PodScheduled", status: "True" }, { type: "Ready", status: "True" }] }),
    sample(46_000, { status: "Running", conditions: [{ type: "PodScheduled", status: "True" }, { type: "Ready", status: "False", reason: "ContainersNotReady" }], c: { state: "waiting", reason: "CrashLoopBackOff", restartCount: 1, ready: false } }),
    sample(56_000, { status: "Running", conditions: [{ type: "PodScheduled", status: "True" }, { type: "Ready", status: "True" }], c: { restartCount: 1 } }),
  ],
  probes: [
    { time: 6000, container: "liveness", probe: "liveness", result: "success" },
    { time: 36_000, container: "liveness", probe: "liveness", result: "failure", message: "cat: can't open '/tmp/healthy'" },
  ],
  markers: [
    { time: 0, kind: "event", label: "Scheduled", detail: "Successfully assigned default/test-liveness-exec to node-1" },
    { time: 46_000, kind: "exit", container: "liveness", label: "exit 137", warning: true },
    { time: 56_000, kind: "restart", container: "liveness", label: "restart #1" },
  ],
};

describe("buildLanes", () => {
  it("draws status, phase, condition and container bands, merging unchanged stretches", () => {
    const lanes = buildLanes(history, 60_000);
    const byId = Object.fromEntries(lanes.map((l) => [l.id, l]));
    expect(byId.status.segments.map((s) => [s.label, s.start, s.end])).toEqual([
      ["Pending", 0, 1000],
      ["Running", 1000, 60_000],
    ]);
    expect(byId["cond:PodScheduled"].segments.map((s) => [s.label, s.start, s.end])).toEqual([["True", 10, 60_000]]);
    expect(byId["cond:Ready"].segments.map((s) => [s.label, s.tone, s.start, s.end, s.detail])).toEqual([
      ["True", "ok", 1000, 46_000, undefined],
      ["False", "off", 46_000, 56_000, "ContainersNotReady"],
      ["True", "ok", 56_000, 60_000, undefined],
    ]);
    expect(byId["c:liveness"].segments.map((s) => [s.label, s.tone, s.start, s.end])).toEqual([
      ["running", "ok", 1000, 46_000],
      ["back-off", "backoff", 46_000, 56_000],
      ["running", "ok", 56_000, 60_000],
    ]);
    expect(byId["c:liveness"].markers?.map((m) => m.label)).toEqual(["exit 137", "restart #1"]);
    expect(byId["p:liveness:liveness"].ticks?.map((t) => t.result)).toEqual(["success", "failure"]);
    expect(byId["p:liveness:readiness"]).toBeUndefined();
    expect(byId.events.markers?.map((m) => m.label)).toEqual(["Scheduled"]);
  });

  it("ends at the deletion of a pod that is gone", () => {
    const lanes = buildLanes({ ...history, deletedAt: 58_000 }, 90_000);
    expect(lanes[0].segments.at(-1)!.end).toBe(58_000);
  });
});

describe("axis", () => {
  it("chooses round steps that do not crowd and maps both ways", () => {
    expect(ticks(0, 60_000, 600).step).toBe(10_000);
    expect(ticks(0, 60_000, 600).at).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    expect(ticks(0, 3_600_000, 300).step).toBe(900_000);
    const s = scale(1000, 3000, 100, 300);
    expect(s.x(2000)).toBe(200);
    expect(s.t(300)).toBe(3000);
    expect(tickLabel(75_000, 5000)).toBe("1:15");
    expect(tickLabel(3_720_000, 60_000)).toBe("1:02:00");
    expect(tickLabel(1500, 500)).toBe("0:01.5");
  });
});
