import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock";
import { Action, type EventInterest } from "./plugin";
import { PrioritySort } from "./plugins/priority-sort";
import { SchedulingQueue } from "./queue";
import { fixedHandle, make } from "./testing";
import { Status } from "./status";

function setup(interests: Record<string, EventInterest[]> = {}) {
  const clock = new VirtualClock();
  let activations = 0;
  const q = new SchedulingQueue({
    clock,
    podInitialBackoff: 1_000,
    podMaxBackoff: 10_000,
    maxInUnschedulable: 300_000,
    backoffFlushInterval: 1_000,
    unschedulableFlushInterval: 30_000,
    less: PrioritySort.create(fixedHandle([])).less!,
    preEnqueue: (pod) => ((pod.spec?.schedulingGates ?? []).length > 0 ? { plugin: "SchedulingGates", status: Status.unresolvable("gated") } : undefined),
    interests: new Map(Object.entries(interests)),
    priorityOf: (pod) => pod.spec?.priority ?? 0,
    onActive: () => activations++,
  });
  return { clock, q, activations: () => activations };
}

/** Pops the pod and fails it as `plugins` rejecting it. */
function fail(q: SchedulingQueue, plugins: string[]) {
  const p = q.pop()!;
  p.unschedulablePlugins = new Set(plugins);
  q.addUnschedulableIfNotPresent(p, q.schedulingCycle);
  return p;
}

describe("SchedulingQueue", () => {
  it("pops by priority, then by arrival", () => {
    const { q } = setup();
    q.add(make.pod({ name: "low-1" }));
    q.add(make.pod({ name: "high", priority: 1000 }));
    q.add(make.pod({ name: "low-2" }));
    expect([q.pop()!.key, q.pop()!.key, q.pop()!.key]).toEqual(["default/high", "default/low-1", "default/low-2"]);
  });

  it("backs off 1 s, doubling per attempt, up to 10 s", () => {
    const { q } = setup();
    q.add(make.pod({ name: "p" }));
    const p = q.pop()!;
    const durations = [1, 2, 3, 4, 5, 6].map((attempts) => q.backoffDuration({ ...p, attempts }));
    expect(durations).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it("parks a rejected pod until an event its plugins registered arrives", async () => {
    const { clock, q } = setup({ NodeAffinity: [{ resource: "Node", action: Action.Add | Action.UpdateNodeLabel }] });
    q.add(make.pod({ name: "p" }));
    fail(q, ["NodeAffinity"]);
    expect(q.whereIs("default/p")).toBe("unschedulablePods");
    // A pod deletion does not concern NodeAffinity.
    q.moveAllToActiveOrBackoffQueue({ resource: "Pod", action: Action.Delete, label: "AssignedPodDelete" });
    expect(q.whereIs("default/p")).toBe("unschedulablePods");
    await clock.advance(5_000);
    q.moveAllToActiveOrBackoffQueue({ resource: "Node", action: Action.Add, label: "NodeAdd" });
    expect(q.whereIs("default/p")).toBe("activeQ");
  });

  it("sends a pod moved during its back-off to backoffQ, and on to activeQ on the next flush tick", async () => {
    const { clock, q } = setup({ NodeResourcesFit: [{ resource: "Node", action: Action.Add }] });
    q.add(make.pod({ name: "p" }));
    await clock.advance(300);
    fail(q, ["NodeResourcesFit"]);
    q.moveAllToActiveOrBackoffQueue({ resource: "Node", action: Action.Add, label: "NodeAdd" });
    expect(q.whereIs("default/p")).toBe("backoffQ");
    // Back-off ends at 1.3 s; the flush runs on whole seconds.
    await clock.advance(1_500);
    expect(q.whereIs("default/p")).toBe("backoffQ");
    await clock.advance(200);
    expect(q.whereIs("default/p")).toBe("activeQ");
  });

  it("goes to backoffQ when a move request arrived during its own scheduling cycle", () => {
    const { q } = setup({ NodeAffinity: [{ resource: "Node", action: Action.Add }] });
    q.add(make.pod({ name: "p" }));
    const p = q.pop()!;
    q.moveAllToActiveOrBackoffQueue({ resource: "Node", action: Action.Add, label: "NodeAdd" });
    p.unschedulablePlugins = new Set(["NodeAffinity"]);
    q.addUnschedulableIfNotPresent(p, q.schedulingCycle);
    expect(q.whereIs("default/p")).toBe("backoffQ");
  });

  it("flushes pods parked longer than five minutes, on the 30 s ticks", async () => {
    const { clock, q } = setup();
    q.add(make.pod({ name: "p" }));
    await clock.advance(10_000);
    fail(q, ["NodeResourcesFit"]);
    await clock.advance(300_000);
    expect(q.whereIs("default/p")).toBe("unschedulablePods");
    // Parked at 10 s: due after 5:10, flushed at the 5:30 tick.
    await clock.advance(19_000);
    expect(q.whereIs("default/p")).toBe("unschedulablePods");
    await clock.advance(1_000);
    expect(q.whereIs("default/p")).toBe("activeQ");
  });

  it("keeps gated pods parked until their gates are removed", () => {
    const { q } = setup();
    const gated = make.pod({ name: "g", spec: { schedulingGates: [{ name: "example.com/wait" }] } });
    q.add(gated);
    expect(q.whereIs("default/g")).toBe("unschedulablePods");
    q.moveAllToActiveOrBackoffQueue({ resource: "*", action: 0, label: "UnschedulableTimeout" });
    expect(q.whereIs("default/g")).toBe("unschedulablePods");
    q.update(gated, { ...gated, spec: { ...gated.spec!, schedulingGates: [] } }, true);
    expect(q.whereIs("default/g")).toBe("activeQ");
  });

  it("ignores status-only updates of a parked pod", () => {
    const { q } = setup();
    const pod = make.pod({ name: "p" });
    q.add(pod);
    fail(q, ["NodeAffinity"]);
    q.update(pod, { ...pod, status: { phase: "Pending", conditions: [] } }, false);
    expect(q.whereIs("default/p")).toBe("unschedulablePods");
    q.update(pod, { ...pod, metadata: { ...pod.metadata, labels: { a: "b" } } }, true);
    expect(q.whereIs("default/p")).toBe("backoffQ");
  });
});
