import { describe, expect, it } from "vitest";
import { createCluster } from "../index";
import { make } from "./testing";

const A = { actor: "kubectl" };

describe("PVC and PV protection", () => {
  it("keeps a claim used by a scheduled pod until the pod goes, and a bound volume until its claim goes", async () => {
    const c = createCluster();
    c.api.create(make.pv("vol", { storageClassName: "manual" }), A);
    c.api.create(make.pvc("claim", { storageClassName: "manual" }), A);
    c.api.create(make.pod("user", ["claim"], { nodeName: "node-1" }), A);
    await c.advance(1_000);
    c.api.delete("PersistentVolume", undefined, "vol", A);
    c.api.delete("PersistentVolumeClaim", "default", "claim", A);
    await c.advance(1_000);
    expect(c.api.get("PersistentVolumeClaim", "default", "claim").metadata.deletionTimestamp).toBeDefined();
    expect(c.api.get("PersistentVolume", undefined, "vol").status.phase).toBe("Bound");
    c.api.delete("Pod", "default", "user", { ...A, gracePeriodSeconds: 0 });
    await c.advance(1_000);
    // The claim goes, the volume is released, and then the volume goes too.
    expect(c.store.get("PersistentVolumeClaim", "default", "claim")).toBeUndefined();
    expect(c.store.get("PersistentVolume", undefined, "vol")).toBeUndefined();
  });

  it("does not count a pod that was never scheduled as a user", async () => {
    const c = createCluster();
    c.api.create(make.pvc("claim", { storageClassName: "" }), A);
    c.api.create(make.pod("waiting", ["claim"]), A);
    await c.advance(500);
    expect(c.api.get("Pod", "default", "waiting").spec.nodeName).toBeUndefined();
    c.api.delete("PersistentVolumeClaim", "default", "claim", A);
    await c.advance(500);
    expect(c.store.get("PersistentVolumeClaim", "default", "claim")).toBeUndefined();
  });

  it("puts the protection finalizers back on objects that lost them", async () => {
    const c = createCluster();
    c.api.create(make.pv("vol", {}), A);
    c.api.create(make.pvc("claim", { storageClassName: "manual" }), A);
    await c.advance(100);
    c.api.mutate("PersistentVolume", undefined, "vol", A, (v) => void delete v.metadata.finalizers);
    c.api.mutate("PersistentVolumeClaim", "default", "claim", A, (v) => void delete v.metadata.finalizers);
    await c.advance(100);
    expect(c.api.get("PersistentVolume", undefined, "vol").metadata.finalizers).toEqual(["kubernetes.io/pv-protection"]);
    expect(c.api.get("PersistentVolumeClaim", "default", "claim").metadata.finalizers).toEqual(["kubernetes.io/pvc-protection"]);
  });
});
