import { describe, expect, it } from "vitest";
import { testApi } from "../fixtures";

describe("replicationcontroller strategy", () => {
  it("takes its selector and labels from the template", () => {
    const rc = testApi().create(
      { apiVersion: "v1", kind: "ReplicationController", metadata: { name: "web" }, spec: { template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } } },
      { actor: "kubectl" },
    );
    expect(rc.spec.selector).toEqual({ app: "web" });
    expect(rc.metadata.labels).toEqual({ app: "web" });
    expect(rc.spec.replicas).toBe(1);
  });
});
