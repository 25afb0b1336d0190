import { describe, expect, it } from "vitest";
import { make, statusError, testApi } from "../fixtures";

function withQuota(hard: Record<string, string>, used: Record<string, string>) {
  const api = testApi();
  const q = api.create({ apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" }, spec: { hard } }, { actor: "kubectl" });
  api.updateStatus({ ...q, status: { hard, used } }, { actor: "resourcequota-controller" });
  return api;
}

const sized = (name: string, memory: string, cpu = "100m") => make.pod(name, { containers: [make.container("nginx", { resources: { limits: { cpu, memory } } })] });

describe("ResourceQuota admission", () => {
  it("counts admitted pods into status.used and refuses what exceeds the hard limit", () => {
    const api = withQuota({ "requests.memory": "2Gi", pods: "2" }, { "requests.memory": "0", pods: "0" });
    api.create(sized("a", "1Gi"), { actor: "kubectl" });
    expect(api.get("ResourceQuota", "default", "q").status.used).toEqual({ "requests.memory": "1Gi", pods: "1" });
    expect(statusError(() => api.create(sized("b", "2Gi"), { actor: "kubectl" })).message).toBe(
      'pods "b" is forbidden: exceeded quota: q, requested: requests.memory=2Gi, used: requests.memory=1Gi, limited: requests.memory=2Gi',
    );
    api.create(sized("c", "1Gi"), { actor: "kubectl" });
    expect(statusError(() => api.create(sized("d", "1Mi"), { actor: "kubectl" })).message).toBe(
      'pods "d" is forbidden: exceeded quota: q, requested: pods=1,requests.memory=1Mi, used: pods=2,requests.memory=2Gi, limited: pods=2,requests.memory=2Gi',
    );
  });

  it("requires containers to state the resources a quota limits", () => {
    const api = withQuota({ "limits.cpu": "2", "limits.memory": "2Gi" }, { "limits.cpu": "0", "limits.memory": "0" });
    expect(statusError(() => api.create(make.pod("p", { containers: [make.container("nginx")] }), { actor: "kubectl" })).message).toBe(
      'pods "p" is forbidden: failed quota: q: must specify limits.cpu for: nginx; limits.memory for: nginx',
    );
  });

  it("refuses while the quota has no usage yet, and counts other kinds", () => {
    const api = withQuota({ configmaps: "1", "count/deployments.apps": "1" }, {});
    expect(statusError(() => api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }, { actor: "kubectl" })).message).toBe(
      'configmaps "c" is forbidden: status unknown for quota: q, resources: configmaps',
    );
    const counted = withQuota({ "count/deployments.apps": "1" }, { "count/deployments.apps": "1" });
    expect(statusError(() => counted.create(make.deployment("web"), { actor: "kubectl" })).message).toBe(
      'deployments.apps "web" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
  });
});
