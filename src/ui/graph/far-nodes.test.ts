import type { Node } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import type { KObject } from "../../sim/api/types";
import { farBoxAt, farLook, paintFarNodes, podStateSegments, type FarBox, type FarLook } from "./far-nodes";

const node = (name: string, ready: "True" | "False", unschedulable = false) =>
  ({ apiVersion: "v1", kind: "Node", metadata: { name }, spec: { unschedulable }, status: { conditions: [{ type: "Ready", status: ready }] } }) as Node & KObject;

describe("a far node's bar", () => {
  it("gives each state its share, Running first and failing last", () => {
    const segments = podStateSegments({ CrashLoopBackOff: 1, Running: 2, ContainerCreating: 1 });
    expect(segments.map((s) => [s.from, s.to])).toEqual([
      [0, 0.5],
      [0.5, 0.75],
      [0.75, 1],
    ]);
    expect(segments.map((s) => s.colour)).toEqual(["rgb(16 185 129 / 0.75)", "rgb(251 191 36 / 0.7)", "rgb(244 63 94 / 0.85)"]);
  });

  it("is empty for a node without pods", () => {
    expect(podStateSegments({})).toEqual([]);
  });
});

describe("a far node's words", () => {
  it("says the node's state and its pods by status, the most common first", () => {
    const look = farLook(node("worker-7", "True"), 30, { ContainerCreating: 2, Running: 28 });
    expect(look.label).toBe("Node worker-7, Ready, 30 pods");
    expect(look.description).toBe("Pods by status: Running 28, ContainerCreating 2");
    expect(look.title).toBe("Node worker-7, Ready, 30 pods: Running 28, ContainerCreating 2");
    expect(look.border).toBe("ready");
  });

  it("says when there are no pods, and borders a cordoned or NotReady node apart", () => {
    const cordoned = farLook(node("a", "True", true), 0, {});
    expect([cordoned.label, cordoned.description, cordoned.title, cordoned.border]).toEqual(["Node a, Ready,SchedulingDisabled, 0 pods", "No pods", "Node a, Ready,SchedulingDisabled, 0 pods", "cordoned"]);
    expect(farLook(node("b", "False"), 1, { Running: 1 }).border).toBe("notReady");
  });

  it("says how many of the pods it counts the filters hide", () => {
    const look = farLook(node("control-plane", "True"), 1, { Running: 3, ContainerCreating: 2 });
    expect(look.description).toBe("Pods by status: Running 3, ContainerCreating 2 (4 hidden by the filters)");
    expect(look.title).toBe("Node control-plane, Ready, 1 pod (4 hidden by the filters): Running 3, ContainerCreating 2");
  });
});

const box = (id: string, x: number, y: number): FarBox => ({ id, name: id, podCount: 1, x, y, w: 100, h: 50 });

describe("pointing at a far node", () => {
  it("finds the box under a point in flow coordinates, or none between boxes", () => {
    const boxes = [box("a", 0, 0), box("b", 200, 0)];
    expect(farBoxAt(boxes, 50, 25)?.name).toBe("a");
    expect(farBoxAt(boxes, 250, 49)?.name).toBe("b");
    expect(farBoxAt(boxes, 150, 25)).toBeUndefined();
  });
});

/** A 2D context that records what was filled. */
function recorder() {
  const fills: { style: string; x: number; y: number; w: number; h: number }[] = [];
  const fillCalls: string[] = [];
  const ctx = {
    fillStyle: "",
    strokeStyle: "",
    lineWidth: 1,
    setTransform() {},
    clearRect() {},
    beginPath() {},
    strokeRect() {},
    roundRect(x: number, y: number, w: number, h: number) {
      fills.push({ style: ctx.fillStyle, x, y, w, h });
    },
    rect(x: number, y: number, w: number, h: number) {
      fills.push({ style: ctx.fillStyle, x, y, w, h });
    },
    fill() {
      fillCalls.push(ctx.fillStyle);
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, fills, fillCalls };
}

describe("painting the far nodes", () => {
  const palette = { body: "body", border: { ready: "ready", cordoned: "cordoned", notReady: "notReady" }, selected: "sky" };
  const look = (l: Partial<FarLook>): FarLook => ({ label: "", description: "", title: "", border: "ready", segments: [], ...l });

  it("paints only the boxes in view: border, body, then the bar's segments across the body", () => {
    const { ctx, fills } = recorder();
    const boxes = [box("a", 0, 0), box("b", 5000, 0)];
    const looks = new Map([
      ["a", look({ segments: [{ colour: "green", from: 0, to: 0.5 }, { colour: "amber", from: 0.5, to: 1 }] })],
      ["b", look({})],
    ]);
    const painted = paintFarNodes(ctx, boxes, looks, { x: 10, y: 20, zoom: 0.5 }, { width: 800, height: 600, scale: 1 }, palette, undefined);
    expect(painted).toBe(1);
    // The box is 50 × 25 on screen at (10, 20); the border is 3 px (6 flow units at half size).
    expect(fills).toEqual([
      { style: "ready", x: 10, y: 20, w: 50, h: 25 },
      { style: "body", x: 13, y: 23, w: 44, h: 19 },
      { style: "green", x: 13, y: 23, w: 22, h: 19 },
      { style: "amber", x: 35, y: 23, w: 22, h: 19 },
    ]);
  });

  it("fills the shapes of one colour together, borders first, then bodies, then the bars", () => {
    const { ctx, fills, fillCalls } = recorder();
    const boxes = [box("a", 0, 0), box("b", 200, 0), box("c", 400, 0)];
    const green = { colour: "green", from: 0, to: 1 };
    const looks = new Map([
      ["a", look({ segments: [green] })],
      ["b", look({ border: "notReady", segments: [] })],
      ["c", look({ segments: [green] })],
    ]);
    paintFarNodes(ctx, boxes, looks, { x: 0, y: 0, zoom: 0.5 }, { width: 800, height: 600, scale: 1 }, palette, undefined);
    expect(fillCalls).toEqual(["ready", "notReady", "body", "green"]);
    expect(fills.map((f) => [f.style, f.x])).toEqual([
      ["ready", 0],
      ["ready", 200],
      ["notReady", 100],
      ["body", 3],
      ["body", 103],
      ["body", 203],
      ["green", 3],
      ["green", 203],
    ]);
  });
});
