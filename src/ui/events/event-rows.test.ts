import type { Event } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { eventRows, filterRows, objectOptions } from "./event-rows";

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
    expect(filterRows(rows, { object: "default pod/web", type: "", text: "" }).map((r) => r.reason)).toEqual(["Scheduled", "Unhealthy"]);
    expect(filterRows(rows, { object: "", type: "Warning", text: "" }).map((r) => r.reason)).toEqual(["Unhealthy"]);
    expect(filterRows(rows, { object: "", type: "", text: "TMP/HEALTHY" }).map((r) => r.reason)).toEqual(["Unhealthy"]);
    expect(filterRows(rows, { object: "", type: "Normal", text: "node-1" }).map((r) => r.reason)).toEqual(["Scheduled", "NodeReady"]);
  });
});
