import { describe, expect, it } from "vitest";
import { fromMap } from "../api/labels";
import { SchedulerCache } from "./cache";
import type { NodeInfo } from "./node-info";
import * as R from "./node-rows";
import { make } from "./testing";

const cache = () => new SchedulerCache(() => 0);
const bound = (name: string, node: string, labels: Record<string, string> = {}, requests = { cpu: "100m", memory: "1Gi" }) => make.pod({ name, nodeName: node, labels, requests });

/** The node's row, as the hot paths read it. */
function row(info: NodeInfo): number[] {
  return Array.from(info.rows.data.subarray(info.row * R.ROW, (info.row + 1) * R.ROW));
}

/** The row the node's fields call for. */
function expectedRow(info: NodeInfo): number[] {
  const r = new Array<number>(R.ROW).fill(0);
  r[R.POD_COUNT] = info.podCount;
  r[R.ALLOWED_POD_NUMBER] = info.allocatable.allowedPodNumber;
  r[R.ALLOC_MILLI_CPU] = info.allocatable.milliCPU;
  r[R.ALLOC_MEMORY] = info.allocatable.memory;
  r[R.ALLOC_EPHEMERAL_STORAGE] = info.allocatable.ephemeralStorage;
  r[R.REQ_MILLI_CPU] = info.requested.milliCPU;
  r[R.REQ_MEMORY] = info.requested.memory;
  r[R.REQ_EPHEMERAL_STORAGE] = info.requested.ephemeralStorage;
  r[R.NON_ZERO_CPU] = info.nonZeroCPU;
  r[R.NON_ZERO_MEMORY] = info.nonZeroMemory;
  r[R.TAINT_COUNT] = info.taints.length;
  r[R.UNSCHEDULABLE] = info.unschedulable ? 1 : 0;
  return r;
}

describe("SchedulerCache rows", () => {
  it("keeps each node's row equal to its fields as nodes and pods come and go", () => {
    const c = cache();
    c.upsertNode(make.node({ name: "a", labels: { "topology.kubernetes.io/zone": "z1" } }));
    c.upsertNode(make.node({ name: "b", labels: { "topology.kubernetes.io/zone": "z1" }, taints: [{ key: "k", effect: "NoSchedule" }] }));
    c.upsertPod(bound("p1", "a"));
    c.upsertPod(bound("p2", "b"));
    // Pods on a node not seen yet get a placeholder NodeInfo, with a row of its own.
    c.upsertPod(bound("p3", "ghost"));
    c.upsertPod(bound("p5", "ghost"));
    c.nodeList();
    c.upsertNode(make.node({ name: "c", labels: { "topology.kubernetes.io/zone": "z2" }, unschedulable: true }));
    c.upsertPod(bound("p4", "c"));
    c.removePod("default/p1");
    const list = c.nodeList();
    expect(list.map((n) => n.name)).toEqual(["a", "c", "b"]);
    // Rows follow the node list, so a window of consecutive nodes reads consecutive rows.
    expect(list.map((n) => n.row)).toEqual([0, 1, 2]);
    const ghost = c.removePod("default/p5")!;
    for (const n of [...list, ghost]) expect(row(n)).toEqual(expectedRow(n));
    expect(ghost.row).toBe(3);
    expect(row(list[1])[R.UNSCHEDULABLE]).toBe(1);
    expect(row(list[2])[R.TAINT_COUNT]).toBe(1);
  });

  it("gives a clone a row of its own", () => {
    const c = cache();
    const a = c.upsertNode(make.node({ name: "a" }));
    const copy = a.clone();
    copy.addPod(make.podInfo(bound("p1", "a")));
    expect(row(a)[R.POD_COUNT]).toBe(0);
    expect(row(copy)[R.POD_COUNT]).toBe(1);
    expect(row(copy)).toEqual(expectedRow(copy));
  });

  it("reads the topology labels it keeps as fields like any other label", () => {
    const a = cache().upsertNode(make.node({ name: "a", labels: { "topology.kubernetes.io/zone": "z1", pool: "x" } }));
    expect(a.label("kubernetes.io/hostname")).toBe("a");
    expect(a.label("topology.kubernetes.io/zone")).toBe("z1");
    expect(a.label("pool")).toBe("x");
    expect(a.label("topology.kubernetes.io/region")).toBeUndefined();
  });
});

describe("SchedulerCache spread counts", () => {
  it("counts pods bound before a selector is first asked about, and those bound after", () => {
    const c = cache();
    c.upsertNode(make.node({ name: "a" }));
    c.upsertNode(make.node({ name: "b" }));
    c.upsertPod(bound("w1", "a", { app: "web" }));
    c.upsertPod(bound("w2", "a", { app: "web" }));
    c.upsertPod(bound("d1", "b", { app: "db" }));
    const perNode = (app: string) => {
      const counts = c.spreadCounts.perNode("default", fromMap({ app }), app);
      return new Map(c.nodeList().flatMap((n) => (counts[n.index] > 0 ? [[n.name, counts[n.index]] as const] : [])));
    };
    expect(perNode("web")).toEqual(new Map([["a", 2]]));
    // No pod carries app=cache yet: nothing to count, until one is bound.
    expect(perNode("cache")).toEqual(new Map());
    c.upsertPod(bound("c1", "b", { app: "cache" }));
    expect(perNode("cache")).toEqual(new Map([["b", 1]]));
    c.removePod("default/w1");
    c.removePod("default/c1");
    c.spreadCounts.reset();
    expect(perNode("web")).toEqual(new Map([["a", 1]]));
    expect(perNode("cache")).toEqual(new Map());
  });
});
