import { describe, expect, it } from "vitest";
import { makePod, stateOf, testCluster } from "./testing/make";

describe("kubelet: a pod's life on a node", () => {
  it("creates the sandbox first, pulls, creates and starts the container, and reports Running", async () => {
    const t = testCluster();
    t.create(makePod("nginx", [{ image: "nginx:1.25" }]));
    await t.advance(500);
    expect(t.pod("nginx")?.status?.phase).toBe("Pending");
    expect(stateOf(t.pod("nginx"), "nginx")).toBe("waiting:ContainerCreating");
    await t.advance(5_000);
    const pod = t.pod("nginx")!;
    expect(pod.status?.phase).toBe("Running");
    expect(stateOf(pod, "nginx")).toBe("running");
    expect(pod.status?.podIP).toBe("10.244.1.2");
    expect(pod.status?.hostIP).toBe("172.18.0.3");
    expect(pod.status?.containerStatuses?.[0].containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(pod.status?.containerStatuses?.[0].ready).toBe(true);
    expect(pod.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      "PodReadyToStartContainers=True",
      "Initialized=True",
      "Ready=True",
      "ContainersReady=True",
      "PodScheduled=True",
    ]);
    expect(t.events("nginx").map((e) => `${e.reason}: ${e.message}`)).toEqual([
      'Pulling: Pulling image "nginx:1.25"',
      'Pulled: Successfully pulled image "nginx:1.25" in 1s (1s including waiting). Image size: 10000000 bytes.',
      "Created: Created container nginx",
      "Started: Started container nginx",
    ]);
    const view = t.kubelets.podView("default", "nginx")!;
    expect(view.sandbox?.pauseImage).toBe("registry.k8s.io/pause:3.10");
    expect(view.sandbox?.ip).toBe("10.244.1.2");
    expect(view.containers[0].instances[0].state).toBe("running");
  });

  it("gives every pod its own IP from the node's podCIDR", async () => {
    const t = testCluster();
    t.create(makePod("a", [{}]));
    t.create(makePod("b", [{}]));
    await t.advance(5_000);
    expect([t.pod("a")?.status?.podIP, t.pod("b")?.status?.podIP].sort()).toEqual(["10.244.1.2", "10.244.1.3"]);
  });
});
