import { describe, expect, it } from "vitest";
import { createCluster } from "../index";

describe("ServiceAccountController", () => {
  it("gives every namespace a default ServiceAccount at once, so pods in a new namespace are admitted", () => {
    const c = createCluster();
    const defaults = c.api.list("ServiceAccount").filter((sa) => sa.metadata.name === "default");
    expect(defaults.map((sa) => sa.metadata.namespace)).toEqual(["default", "kube-node-lease", "kube-public", "kube-system"]);
    c.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } }, { actor: "kubectl" });
    const pod = c.api.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "team" }, spec: { containers: [{ name: "c", image: "nginx" }] } }, { actor: "kubectl" });
    expect(pod.spec.serviceAccountName).toBe("default");
  });

  it("recreates the default account when it is deleted", async () => {
    const c = createCluster();
    c.api.delete("ServiceAccount", "default", "default", { actor: "kubectl" });
    expect(c.api.tryGet("ServiceAccount", "default", "default")).toBeUndefined();
    await c.advance(100);
    expect(c.api.tryGet("ServiceAccount", "default", "default")?.metadata.managedFields?.[0].manager).toBe("kube-controller-manager");
  });
});
