import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types";
import { VirtualClock } from "../../clock";
import { podsToDelete } from "./pod-ranking";

const clock = new VirtualClock();
const parse = (ts: string) => clock.parseTimestamp(ts);
const NOW = 3_600_000;

function pod(name: string, o: { node?: string; phase?: string; ready?: boolean; readyAt?: number; created?: number; restarts?: number; cost?: string; uid?: string } = {}): KObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, uid: o.uid ?? name, creationTimestamp: clock.timestamp(o.created ?? 0), ...(o.cost ? { annotations: { "controller.kubernetes.io/pod-deletion-cost": o.cost } } : {}) },
    spec: { nodeName: o.node },
    status: {
      phase: o.phase ?? "Running",
      conditions: o.ready === undefined ? [] : [{ type: "Ready", status: o.ready ? "True" : "False", lastTransitionTime: clock.timestamp(o.readyAt ?? 0) }],
      containerStatuses: [{ name: "app", restartCount: o.restarts ?? 0 }],
    },
  };
}

const names = (pods: KObject[]) => pods.map((p) => p.metadata.name);

describe("scale-down order (ActivePodsWithRanks)", () => {
  it("deletes unscheduled, then pending, then not-ready pods before ready ones", () => {
    const pods = [pod("ready", { node: "n1", ready: true }), pod("notready", { node: "n1", ready: false }), pod("pending", { node: "n1", phase: "Pending" }), pod("unscheduled", { phase: "Pending" })];
    expect(names(podsToDelete(pods, [], 3, NOW, parse))).toEqual(["unscheduled", "pending", "notready"]);
  });

  it("honours pod-deletion-cost before node doubling", () => {
    const pods = [pod("cheap", { node: "n1", ready: true, cost: "-5" }), pod("dear", { node: "n2", ready: true, cost: "100" }), pod("plain", { node: "n3", ready: true })];
    expect(names(podsToDelete(pods, [], 2, NOW, parse))).toEqual(["cheap", "plain"]);
  });

  it("prefers pods doubled up on a node with more of their siblings", () => {
    const a = pod("a", { node: "n1", ready: true });
    const b = pod("b", { node: "n2", ready: true });
    const c = pod("c", { node: "n2", ready: true });
    const related = [a, b, c, pod("sibling", { node: "n2", ready: true })];
    expect(names(podsToDelete([a, c, b], related, 2, NOW, parse))).toEqual(["c", "b"]);
  });

  it("deletes the pod ready for less time first, on a log2 scale, then the one with more restarts", () => {
    const young = pod("young", { node: "n1", ready: true, readyAt: NOW - 10_000 });
    const old = pod("old", { node: "n2", ready: true, readyAt: NOW - 3_000_000 });
    expect(names(podsToDelete([old, young], [], 1, NOW, parse))).toEqual(["young"]);
    // Ready 100 s and 120 s ago fall in the same log2 bucket: restarts decide.
    const flaky = pod("flaky", { node: "n1", ready: true, readyAt: NOW - 120_000, restarts: 3 });
    const steady = pod("steady", { node: "n2", ready: true, readyAt: NOW - 100_000 });
    expect(names(podsToDelete([steady, flaky], [], 1, NOW, parse))).toEqual(["flaky"]);
  });

  it("returns every pod when all are to go", () => {
    const pods = [pod("x"), pod("y")];
    expect(names(podsToDelete(pods, [], 5, NOW, parse))).toEqual(["x", "y"]);
  });
});
