import { describe, expect, it } from "vitest";
import { makePod, testCluster } from "./testing/make";

describe("static pods", () => {
  it("runs a node's manifest and keeps a mirror pod that comes back when deleted", async () => {
    const t = testCluster();
    const k = t.kubelets.kubelet("node-1")!;
    const manifest = makePod("static-web", [{ name: "web", image: "nginx" }]);
    delete manifest.spec!.nodeName;
    manifest.metadata!.labels = { role: "myrole" };
    k.staticPods.add(manifest);
    await t.advance(5_000);
    const mirror = t.pod("static-web-node-1")!;
    expect(mirror.metadata?.annotations?.["kubernetes.io/config.mirror"]).toMatch(/^[0-9a-f]{32}$/);
    expect(mirror.metadata?.annotations?.["kubernetes.io/config.source"]).toBe("file");
    expect(mirror.metadata?.ownerReferences?.[0]).toMatchObject({ kind: "Node", name: "node-1", controller: true });
    expect(mirror.status?.phase).toBe("Running");
    const containerId = mirror.status?.containerStatuses?.[0].containerID;
    const firstUid = mirror.metadata?.uid;
    t.cluster.api.delete("Pod", "default", "static-web-node-1", { actor: "kubectl" });
    await t.advance(3_000);
    const again = t.pod("static-web-node-1")!;
    expect(again.metadata?.uid).not.toBe(firstUid);
    expect(again.status?.containerStatuses?.[0].containerID).toBe(containerId);
    k.staticPods.remove("static-web");
    await t.advance(35_000);
    expect(t.pod("static-web-node-1")).toBeUndefined();
  });

  it("stops native sidecars after the app container and does not keep a finished pod alive", async () => {
    const t = testCluster({ setup: (rt) => rt.behaviours.set("job", { exitAfterMs: 4_000, exitCode: 0 }) });
    const pod = makePod("with-sidecar", [{ name: "job" }], { restartPolicy: "Never" });
    pod.spec!.initContainers = [{ name: "logshipper", image: "busybox", restartPolicy: "Always" }];
    t.create(pod);
    await t.advance(3_000);
    expect(t.pod("with-sidecar")!.status!.initContainerStatuses![0].state?.running).toBeDefined();
    await t.advance(10_000);
    const p = t.pod("with-sidecar")!;
    expect(p.status?.phase).toBe("Succeeded");
    expect(p.status?.initContainerStatuses?.[0].state?.terminated).toBeDefined();
  });
});
