import { describe, expect, it } from "vitest";
import { createCluster } from "../index";

const pod = (name: string, memory: string) => ({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { memory } } }] } });

describe("ResourceQuotaController", () => {
  it("fills status.hard and status.used, and gives usage back when objects go", async () => {
    const c = createCluster();
    c.api.create(pod("before", "256Mi"), { actor: "kubectl" });
    c.api.create({ apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" }, spec: { hard: { pods: "5", "requests.memory": "1Gi", configmaps: "3" } } }, { actor: "kubectl" });
    await c.advance(100);
    expect(c.api.get("ResourceQuota", "default", "q").status).toEqual({ hard: { pods: "5", "requests.memory": "1Gi", configmaps: "3" }, used: { pods: "1", "requests.memory": "256Mi", configmaps: "1" } });
    c.api.create(pod("after", "256Mi"), { actor: "kubectl" });
    expect(c.api.get("ResourceQuota", "default", "q").status.used).toEqual({ pods: "2", "requests.memory": "512Mi", configmaps: "1" });
    c.api.delete("Pod", "default", "before", { actor: "kubectl", gracePeriodSeconds: 0 });
    await c.advance(100);
    expect(c.api.get("ResourceQuota", "default", "q").status.used).toEqual({ pods: "1", "requests.memory": "256Mi", configmaps: "1" });
  });
});
