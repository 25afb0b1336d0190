import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types";
import { findActiveOrLatest, getProportion, isSaturated, maxSurge, maxUnavailable, newRSNewReplicas, resolveFenceposts, scaledValue } from "./deployment-util";
import { computeHash, safeEncodeString } from "./pod-template-hash";
import { setNewReplicaSetAnnotations } from "./revision";

function deployment(replicas: number, maxSurge: number | string, maxUnavailable: number | string, type = "RollingUpdate"): KObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", annotations: {} },
    spec: { replicas, strategy: type === "RollingUpdate" ? { type, rollingUpdate: { maxSurge, maxUnavailable } } : { type } },
  };
}

function rs(name: string, replicas: number, opts: { available?: number; desired?: number; max?: number; created?: string } = {}): KObject {
  const annotations: Record<string, string> = {};
  if (opts.desired !== undefined) annotations["deployment.kubernetes.io/desired-replicas"] = String(opts.desired);
  if (opts.max !== undefined) annotations["deployment.kubernetes.io/max-replicas"] = String(opts.max);
  return { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name, uid: name, annotations, creationTimestamp: opts.created ?? "2025-01-01T00:00:00Z" }, spec: { replicas }, status: { availableReplicas: opts.available ?? 0 } };
}

describe("intstr percentages", () => {
  it("rounds surge up and unavailable down, as GetScaledValueFromIntOrPercent does", () => {
    expect(scaledValue("25%", 3, true)).toBe(1);
    expect(scaledValue("25%", 3, false)).toBe(0);
    expect(scaledValue("25%", 10, true)).toBe(3);
    expect(scaledValue("25%", 10, false)).toBe(2);
    expect(scaledValue("30%", 1000, false)).toBe(300);
    expect(scaledValue(2, 10, true)).toBe(2);
    expect(() => scaledValue("5", 10, true)).toThrow("invalid value for IntOrString: invalid type: string is not a percentage");
  });

  it("resolves fenceposts and never lets both be zero", () => {
    expect(resolveFenceposts("25%", "25%", 3)).toEqual([1, 0]);
    expect(resolveFenceposts("0%", "1%", 2)).toEqual([0, 1]);
    expect(resolveFenceposts(0, 0, 5)).toEqual([0, 1]);
    expect(resolveFenceposts("1%", "25%", 1)).toEqual([1, 0]);
  });

  it("caps maxUnavailable at the replicas and gives Recreate neither surge nor unavailability", () => {
    expect(maxUnavailable(deployment(2, 0, 5))).toBe(2);
    expect(maxUnavailable(deployment(0, 1, 1))).toBe(0);
    expect(maxSurge(deployment(10, "25%", "25%"))).toBe(3);
    expect(maxSurge(deployment(3, 1, 1, "Recreate"))).toBe(0);
    expect(maxUnavailable(deployment(3, 1, 1, "Recreate"))).toBe(0);
  });
});

describe("NewRSNewReplicas", () => {
  it("grows the new ReplicaSet only within replicas + maxSurge", () => {
    const d = deployment(3, "25%", "25%");
    const old = rs("old", 3);
    const fresh = rs("new", 0);
    expect(newRSNewReplicas(d, [old, fresh], fresh)).toBe(1);
    expect(newRSNewReplicas(d, [rs("old", 2), rs("new", 1)], rs("new", 1))).toBe(2);
    expect(newRSNewReplicas(d, [rs("old", 3), rs("new", 1)], rs("new", 1))).toBe(1);
  });

  it("with an absolute surge of 3 and 10 replicas starts the new ReplicaSet at 3", () => {
    const d = deployment(10, 3, 2);
    expect(newRSNewReplicas(d, [rs("old", 10), rs("new", 0)], rs("new", 0))).toBe(3);
    expect(newRSNewReplicas(d, [rs("old", 8), rs("new", 3)], rs("new", 3))).toBe(5);
  });

  it("gives Recreate the whole replica count at once", () => {
    expect(newRSNewReplicas(deployment(4, 0, 0, "Recreate"), [rs("old", 4)], rs("new", 0))).toBe(4);
  });
});

describe("proportional scaling", () => {
  it("splits a scale from 10 to 15 during a stalled rollout as the documentation shows (11 old, 7 new)", () => {
    const d = deployment(15, 3, 2);
    const old = rs("old", 8, { max: 13 });
    const fresh = rs("new", 5, { max: 13 });
    // allowed 18, current 13: five to add, larger ReplicaSet first.
    const toAdd = 5;
    const pOld = getProportion(old, d, toAdd, 0);
    const pNew = getProportion(fresh, d, toAdd, pOld);
    expect([pOld, pNew]).toEqual([3, 2]);
  });

  it("scales down proportionally and never past what is allowed", () => {
    const d = deployment(5, 3, 2);
    const old = rs("old", 11, { max: 18 });
    // 11 × (5 + 3) / 18 = 4.9, rounded to 5: give up 6.
    expect(getProportion(old, d, -10, 0)).toBe(-6);
    expect(getProportion(old, d, -3, 0)).toBe(-3);
    expect(getProportion(rs("empty", 0), d, 5, 0)).toBe(0);
  });

  it("finds the one active ReplicaSet, or the newest when none is active", () => {
    const a = rs("a", 0, { created: "2025-01-01T00:00:00Z" });
    const b = rs("b", 0, { created: "2025-01-01T00:01:00Z" });
    expect(findActiveOrLatest(undefined, [a, b])?.metadata.name).toBe("b");
    expect(findActiveOrLatest(rs("n", 0), [rs("x", 2), a])?.metadata.name).toBe("x");
    expect(findActiveOrLatest(rs("n", 1), [rs("x", 2)])).toBeUndefined();
  });

  it("calls a new ReplicaSet saturated only when it holds every replica, all available, sized for this spec", () => {
    const d = deployment(3, 1, 0);
    expect(isSaturated(d, rs("n", 3, { desired: 3, available: 3 }))).toBe(true);
    expect(isSaturated(d, rs("n", 3, { desired: 3, available: 2 }))).toBe(false);
    expect(isSaturated(d, rs("n", 3, { desired: 4, available: 3 }))).toBe(false);
    expect(isSaturated(d, rs("n", 3, { available: 3 }))).toBe(false);
  });
});

describe("pod-template-hash", () => {
  it("encodes the decimal FNV hash with SafeEncodeString", () => {
    expect(safeEncodeString("0123456789")).toBe("456789bcdf");
    const h = computeHash({ metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.14.2" }] } }, undefined);
    expect(h).toMatch(/^[456789bcdf]{9,10}$/);
  });

  it("is stable for the same template whatever the key order, and changes with the template and collisionCount", () => {
    const a = computeHash({ metadata: { labels: { app: "x", tier: "y" } }, spec: { containers: [{ name: "c", image: "i" }] } }, undefined);
    const b = computeHash({ spec: { containers: [{ image: "i", name: "c" }] }, metadata: { labels: { tier: "y", app: "x" } } }, undefined);
    expect(a).toBe(b);
    expect(computeHash({ metadata: { labels: { app: "x", tier: "y" } }, spec: { containers: [{ name: "c", image: "j" }] } }, undefined)).not.toBe(a);
    expect(computeHash({ metadata: { labels: { app: "x", tier: "y" } }, spec: { containers: [{ name: "c", image: "i" }] } }, 1)).not.toBe(a);
  });
});

describe("revision annotations", () => {
  it("copies the Deployment's annotations but not the skipped ones, and records replicas on a new ReplicaSet", () => {
    const d: KObject = { ...deployment(3, 1, 0), metadata: { name: "web", annotations: { "kubernetes.io/change-cause": "v2", "deployment.kubernetes.io/revision": "7", "kubectl.kubernetes.io/last-applied-configuration": "{}" } } };
    const copy = rs("n", 0);
    expect(setNewReplicaSetAnnotations(d, copy, "2", false, 3, 4)).toBe(true);
    expect(copy.metadata.annotations).toEqual({ "kubernetes.io/change-cause": "v2", "deployment.kubernetes.io/revision": "2", "deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4" });
  });

  it("keeps the old revision in revision-history when an old ReplicaSet comes back", () => {
    const d = deployment(3, 1, 0);
    const back = rs("n", 3);
    back.metadata.annotations = { "deployment.kubernetes.io/revision": "2" };
    setNewReplicaSetAnnotations(d, back, "4", true, 3, 4);
    expect(back.metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "4", "deployment.kubernetes.io/revision-history": "2" });
    setNewReplicaSetAnnotations(d, back, "6", true, 3, 4);
    expect(back.metadata.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("2,4");
    expect(setNewReplicaSetAnnotations(d, back, "5", true, 3, 4)).toBe(false);
  });
});
