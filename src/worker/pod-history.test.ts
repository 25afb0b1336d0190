import { describe, expect, it } from "vitest";
import type { KObject } from "../sim/api/types";
import { DEFAULT_EPOCH_MS } from "../sim/clock";
import type { WatchEvent } from "../sim/store/store";
import { make } from "../ui/testing/make";
import { containerOfFieldPath, PodHistory } from "./pod-history";

const parse = (ts: string) => Date.parse(ts) - DEFAULT_EPOCH_MS;
const write = (type: WatchEvent["type"], object: KObject, time: number, old?: KObject): WatchEvent => ({ type, kind: object.kind, object, old, actor: "test", time, resourceVersion: 1 });
const probe = (time: number, result: string) => ({ time, component: "kubelet", action: "probe", object: { kind: "Pod", namespace: "default", name: "p" }, detail: { container: "app", probe: "readiness", result } });

describe("PodHistory", () => {
  it("samples a pod only when its status changes", () => {
    const h = new PodHistory(parse);
    h.noteWrite(write("ADDED", make.pod({ name: "p" }), 0));
    h.noteWrite(write("MODIFIED", make.pod({ name: "p", labels: { a: "b" } }), 10));
    h.noteWrite(write("MODIFIED", make.pod({ name: "p", node: "node-1" }), 20));
    const running = make.pod({ name: "p", node: "node-1", phase: "Running", containerStatuses: [{ name: "app", image: "", imageID: "", ready: true, restartCount: 0, state: { running: {} } }] });
    h.noteWrite(write("MODIFIED", running, 30));
    const s = h.get("default", "p")!.samples;
    expect(s.map((x) => [x.time, x.status, x.node])).toEqual([
      [0, "Pending", undefined],
      [20, "Pending", "node-1"],
      [30, "Running", "node-1"],
    ]);
    expect(s[2].containers).toEqual([{ name: "app", role: "app", state: "running", restartCount: 0, ready: true }]);
  });

  it("caps each list, dropping the oldest entries", () => {
    const h = new PodHistory(parse, { samples: 10, probes: 20, markers: 10, gonePods: 5, goneMs: 1000 });
    h.noteWrite(write("ADDED", make.pod({ name: "p" }), 0));
    for (let i = 1; i <= 50; i++) h.noteTrace(probe(i, i % 2 ? "success" : "failure"));
    const got = h.get("default", "p")!;
    expect(got.probes.length).toBeLessThanOrEqual(20);
    expect(got.probes.at(-1)!.time).toBe(50);
    expect(got.dropped).toBe(50 - got.probes.length);
  });

  it("forgets deleted pods after a while, and starts afresh for a new pod under an old name", () => {
    const h = new PodHistory(parse, { samples: 10, probes: 10, markers: 10, gonePods: 2, goneMs: 1000 });
    for (const [i, name] of ["a", "b", "c"].entries()) {
      h.noteWrite(write("ADDED", make.pod({ name }), i));
      h.noteWrite(write("DELETED", make.pod({ name }), 10 + i));
    }
    // Only the two most recently deleted are kept.
    expect([h.get("default", "a"), h.get("default", "b")?.deletedAt, h.get("default", "c")?.deletedAt]).toEqual([undefined, 11, 12]);
    h.noteWrite(write("ADDED", make.pod({ name: "d" }), 5000));
    h.noteWrite(write("DELETED", make.pod({ name: "d" }), 5000));
    expect(h.size).toBe(1);

    h.noteWrite(write("ADDED", make.pod({ name: "e" }), 6000));
    h.noteTrace({ ...probe(6001, "success"), object: { kind: "Pod", namespace: "default", name: "e" } });
    const first = make.pod({ name: "e" });
    const again = { ...first, metadata: { ...first.metadata, uid: "uid-e-2" } };
    h.noteWrite(write("ADDED", again, 7000));
    expect(h.get("default", "e")).toMatchObject({ uid: "uid-e-2", createdAt: 7000, probes: [] });
  });

  it("marks events once per occurrence, with the container they concern", () => {
    const h = new PodHistory(parse);
    h.noteWrite(write("ADDED", make.pod({ name: "p" }), 0));
    const ev = (count: number): KObject => ({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "p.1", namespace: "default" },
      involvedObject: { kind: "Pod", namespace: "default", name: "p", uid: "uid-p", fieldPath: "spec.containers{app}" },
      reason: "Unhealthy",
      message: "Liveness probe failed",
      type: "Warning",
      count,
    });
    h.noteWrite(write("ADDED", ev(1), 100));
    h.noteWrite(write("MODIFIED", ev(2), 200, ev(1)));
    h.noteWrite(write("MODIFIED", ev(2), 250, ev(2)));
    expect(h.get("default", "p")!.markers).toEqual([
      { time: 100, kind: "event", label: "Unhealthy", detail: "Liveness probe failed", container: "app", warning: true },
      { time: 200, kind: "event", label: "Unhealthy", detail: "Liveness probe failed", container: "app", warning: true },
    ]);
  });

  it("reads the container from an event's fieldPath", () => {
    expect(containerOfFieldPath("spec.initContainers{install}")).toBe("install");
    expect(containerOfFieldPath("spec.containers{web}")).toBe("web");
    expect(containerOfFieldPath(undefined)).toBeUndefined();
    expect(containerOfFieldPath("metadata.name")).toBeUndefined();
  });
});
