import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

describe("replicaset strategy", () => {
  it("defaults one replica and rejects an empty selector", () => {
    const rs = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web" }, spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } } };
    const created = testApi().create(rs, { actor: "kubectl" });
    expect(created.spec.replicas).toBe(1);
    expect(created.status).toEqual({ replicas: 0 });
    const empty = structuredClone(rs);
    empty.spec.selector = {} as never;
    expect(statusError(() => testApi().create(empty, { actor: "kubectl" })).message).toBe('ReplicaSet.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment');
  });
});
