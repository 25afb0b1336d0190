import type { Event } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { chunkRows, eventAge, eventRows, groupsInView, newestRows, objectOptions } from "./event-rows";

const ev = (name: string, o: Partial<Event> & { at: number; firstAt?: number; pod?: string; ns?: string }): Event => ({
  apiVersion: "v1",
  kind: "Event",
  metadata: { name, namespace: o.ns ?? "default" },
  involvedObject: o.involvedObject ?? { kind: "Pod", namespace: o.ns ?? "default", name: o.pod ?? "web" },
  reason: o.reason ?? "Scheduled",
  message: o.message ?? "",
  type: o.type ?? "Normal",
  count: o.count ?? 1,
  firstTimestamp: new Date(Date.UTC(2025, 0, 1) + (o.firstAt ?? o.at)).toISOString().replace(".000Z", "Z"),
  lastTimestamp: new Date(Date.UTC(2025, 0, 1) + o.at).toISOString().replace(".000Z", "Z"),
  source: o.source ?? { component: "kubelet", host: "node-1" },
});

describe("event rows", () => {
  const events = [
    ev("web.2", { at: 41_000, firstAt: 31_000, reason: "Unhealthy", type: "Warning", count: 3, message: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n", involvedObject: { kind: "Pod", namespace: "default", name: "web", fieldPath: "spec.containers{liveness}" } }),
    ev("web.1", { at: 0, reason: "Scheduled", message: "Successfully assigned default/web to node-1", source: { component: "default-scheduler" } }),
    ev("node-1.1", { at: 5000, reason: "NodeReady", involvedObject: { kind: "Node", name: "node-1" } }),
  ];

  it("reads kubectl's columns and sorts oldest first", () => {
    const rows = eventRows(events);
    expect(rows.map((r) => [r.type, r.reason, r.object, r.count, r.first, r.last, r.source])).toEqual([
      ["Normal", "Scheduled", "pod/web", 1, 0, 0, "default-scheduler"],
      ["Normal", "NodeReady", "node/node-1", 1, 5000, 5000, "kubelet, node-1"],
      ["Warning", "Unhealthy", "pod/web", 3, 31_000, 41_000, "kubelet, node-1"],
    ]);
    expect(rows[2].involved).toEqual({ kind: "Pod", namespace: "default", name: "web", container: "liveness" });
    expect(rows[2].message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
  });

  it("filters by object, type and text", () => {
    const rows = eventRows(events);
    expect(objectOptions(rows)).toEqual(["default pod/web", "node/node-1"]);
    expect(newestRows(rows, { object: "default pod/web", type: "", text: "" }, Infinity).rows.map((r) => r.reason)).toEqual(["Scheduled", "Unhealthy"]);
    expect(newestRows(rows, { object: "", type: "Warning", text: "" }, Infinity).rows.map((r) => r.reason)).toEqual(["Unhealthy"]);
    expect(newestRows(rows, { object: "", type: "", text: "TMP/HEALTHY" }, Infinity).rows.map((r) => r.reason)).toEqual(["Unhealthy"]);
    expect(newestRows(rows, { object: "", type: "Normal", text: "node-1" }, Infinity).rows.map((r) => r.reason)).toEqual(["Scheduled", "NodeReady"]);
  });
});

describe("rows of a changing log", () => {
  it("reads an Event again only when the mirror replaced it", () => {
    const a = ev("a.1", { at: 1000 });
    const b = ev("b.1", { at: 2000, count: 1 });
    const first = eventRows([a, b]);
    const counted = { ...b, count: 2, lastTimestamp: "2025-01-01T00:00:03Z" };
    const second = eventRows([a, counted]);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect([second[1].count, second[1].last]).toEqual([2, 3000]);
  });
});

describe("event ages", () => {
  it("reads as kubectl's AGE, never in the future", () => {
    expect(eventAge(65_000, 5_000)).toBe("60s");
    expect(eventAge(5_000, 6_000)).toBe("0s");
    // An hour-old event reads the same for a whole minute: its row need not be drawn again.
    expect(eventAge(3_600_000, 0)).toBe(eventAge(3_659_000, 0));
    expect(eventAge(3_600_000, 0)).toBe("60m");
  });
});

describe("row chunks", () => {
  const rows = Array.from({ length: 7 }, (_, i) => eventRows([ev(`e.${i}`, { at: i * 1000 })])[0]);

  it("cuts rows by their place in the whole log", () => {
    expect(chunkRows(rows, 0, 3).map((c) => [c.key, c.rows.map((r) => r.name)])).toEqual([
      [0, ["e.0", "e.1", "e.2"]],
      [1, ["e.3", "e.4", "e.5"]],
      [2, ["e.6"]],
    ]);
  });

  it("keeps a row in its chunk when older rows leave the window", () => {
    // The window starts at the log's fifth row: the first chunk is the tail of chunk 1.
    const chunks = chunkRows(rows.slice(4), 4, 3);
    expect(chunks.map((c) => [c.key, c.rows.map((r) => r.name)])).toEqual([
      [1, ["e.4", "e.5"]],
      [2, ["e.6"]],
    ]);
  });

  it("has no chunks for no rows", () => {
    expect(chunkRows([], 10, 3)).toEqual([]);
  });
});

describe("row groups in view", () => {
  const heights = [100, 100, 100, 100, 100, 100];

  it("are those within the margin of the view, with the room of the others above and below", () => {
    expect(groupsInView(heights, 250, 100, 50)).toEqual({ first: 2, last: 3, before: 200, after: 200 });
    expect(groupsInView(heights, 250, 100, 60)).toEqual({ first: 1, last: 4, before: 100, after: 100 });
  });

  it("are the last ones at the end of the log", () => {
    expect(groupsInView(heights, Infinity, 150, 0)).toEqual({ first: 4, last: 5, before: 400, after: 0 });
    // Scrolled past the end (the log just got shorter): the end.
    expect(groupsInView(heights, 10_000, 150, 0)).toEqual({ first: 4, last: 5, before: 400, after: 0 });
  });

  it("are the first ones at the top, and all of a log shorter than the view", () => {
    expect(groupsInView(heights, 0, 150, 20)).toEqual({ first: 0, last: 1, before: 0, after: 400 });
    expect(groupsInView([30, 40], Infinity, 500, 100)).toEqual({ first: 0, last: 1, before: 0, after: 0 });
  });

  it("are none for no groups", () => {
    expect(groupsInView([], Infinity, 200, 100)).toEqual({ first: 0, last: -1, before: 0, after: 0 });
  });
});

describe("the newest rows", () => {
  const rows = Array.from({ length: 6 }, (_, i) => eventRows([ev(`e.${i}`, { at: i * 1000, type: i % 2 ? "Warning" : "Normal" })])[0]);
  const none = { object: "", type: "" as const, text: "" };

  it("are the last rows, with the count of all, when nothing is filtered", () => {
    const { rows: out, matching } = newestRows(rows, none, 4);
    expect(out.map((r) => r.name)).toEqual(["e.2", "e.3", "e.4", "e.5"]);
    expect(matching).toBe(6);
  });

  it("are the last rows that pass the filter, in log order, with the count of those that pass", () => {
    const { rows: out, matching } = newestRows(rows, { ...none, type: "Warning" }, 2);
    expect(out.map((r) => r.name)).toEqual(["e.3", "e.5"]);
    expect(matching).toBe(3);
  });
});

describe("log order", () => {
  it("puts events of the same second in the API server's order of names", () => {
    const names = ["web-b.2", "web-a.1", "Web-c.3", "web-a-1.0"];
    const sorted = eventRows(names.map((n) => ev(n, { at: 5000 }))).map((r) => r.name);
    expect(sorted).toEqual(["Web-c.3", "web-a-1.0", "web-a.1", "web-b.2"]);
  });
});
