import { describe, expect, it } from "vitest";
import { createCluster } from "../index";

const taints = (c: ReturnType<typeof createCluster>, node: string) => (c.api.get("Node", undefined, node).spec.taints ?? []).map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`);

describe("node heartbeats and the node lifecycle controller", () => {
  it("renews Leases every 10 s and marks a silent node Unknown after 40 s, then taints it", async () => {
    const c = createCluster({ addons: false });
    await c.advance(25_000);
    expect(c.api.get("Lease", "kube-node-lease", "node-1").spec).toMatchObject({ holderIdentity: "node-1", leaseDurationSeconds: 40, renewTime: "2025-01-01T00:00:20.000000Z" });
    await c.podlab(["node", "stop", "node-1"]);
    await c.advance(30_000);
    expect(c.api.get("Node", undefined, "node-1").status.conditions.find((x: { type: string }) => x.type === "Ready").status).toBe("True");
    await c.advance(20_000);
    const ready = c.api.get("Node", undefined, "node-1").status.conditions.find((x: { type: string }) => x.type === "Ready");
    expect(ready).toMatchObject({ status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status." });
    await c.advance(1_000);
    expect(taints(c, "node-1")).toEqual(["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"]);
    await c.podlab(["node", "start", "node-1"]);
    await c.advance(6_000);
    expect(taints(c, "node-1")).toEqual([]);
  });

  it("taints cordoned nodes and pressure conditions with NoSchedule", async () => {
    const c = createCluster({ addons: false });
    await c.kubectl(["cordon", "node-2"], {});
    await c.podlab(["node", "pressure", "node-3", "memory", "on"]);
    await c.advance(1_000);
    expect(taints(c, "node-2")).toEqual(["node.kubernetes.io/unschedulable:NoSchedule"]);
    expect(taints(c, "node-3")).toEqual(["node.kubernetes.io/memory-pressure:NoSchedule"]);
    await c.kubectl(["uncordon", "node-2"], {});
    await c.advance(1_000);
    expect(taints(c, "node-2")).toEqual([]);
  });

  it("stops tainting when most of a small zone is down", async () => {
    const c = createCluster({ addons: false });
    for (const n of ["node-1", "node-2", "node-3"]) await c.podlab(["node", "stop", n]);
    await c.advance(70_000);
    for (const n of ["node-1", "node-2", "node-3"]) expect(taints(c, n)).toEqual(["node.kubernetes.io/unreachable:NoSchedule"]);
  });

  it("pod GC force-deletes the pods of a removed node after the quarantine", async () => {
    const c = createCluster({ addons: false });
    await c.kubectl(["run", "p", "--image=nginx:1.27", "--overrides", '{"spec":{"nodeName":"node-3"}}'], {});
    await c.advance(10_000);
    await c.podlab(["node", "remove", "node-3"]);
    await c.advance(30_000);
    expect(c.api.tryGet("Pod", "default", "p")).toBeDefined();
    await c.advance(40_000);
    expect(c.api.tryGet("Pod", "default", "p")).toBeUndefined();
  });
});
