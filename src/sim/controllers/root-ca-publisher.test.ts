import { describe, expect, it } from "vitest";
import { createCluster } from "../index";

describe("RootCACertPublisher", () => {
  it("publishes kube-root-ca.crt in every namespace and restores it", async () => {
    const c = createCluster();
    c.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } }, { actor: "kubectl" });
    const cm = c.api.get("ConfigMap", "team", "kube-root-ca.crt");
    expect(cm.data["ca.crt"]).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/]{64}\n[\s\S]*\n-----END CERTIFICATE-----\n$/);
    expect(cm.metadata.annotations?.["kubernetes.io/description"]).toMatch(/^Contains a CA bundle/);
    expect(c.api.get("ConfigMap", "default", "kube-root-ca.crt").data).toEqual(cm.data);
    c.api.update({ ...cm, data: { "ca.crt": "tampered" } }, { actor: "kubectl" });
    await c.advance(100);
    expect(c.api.get("ConfigMap", "team", "kube-root-ca.crt").data).toEqual(cm.data);
  });
});
