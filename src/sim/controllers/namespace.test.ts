import { describe, expect, it } from "vitest";
import { createCluster } from "../index";

describe("NamespaceController", () => {
  it("empties a deleted namespace, then removes it", async () => {
    const c = createCluster();
    c.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } }, { actor: "kubectl" });
    c.api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "team" } }, { actor: "kubectl" });
    // Never scheduled, so deleted at once (a bound pod waits for its kubelet).
    const nowhere = { nodeSelector: { "example.com/none": "x" } };
    c.api.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "team" }, spec: { containers: [{ name: "c", image: "nginx" }], ...nowhere } }, { actor: "kubectl" });
    const res = c.api.delete("Namespace", undefined, "team", { actor: "kubectl" });
    expect(res.object.status.phase).toBe("Terminating");
    await c.advance(10);
    expect(c.api.tryGet("ConfigMap", "team", "cfg")).toBeUndefined();
    await c.advance(60_000);
    expect(c.api.list("Pod", "team")).toEqual([]);
    expect(c.api.tryGet("Namespace", undefined, "team")).toBeUndefined();
  });
});
