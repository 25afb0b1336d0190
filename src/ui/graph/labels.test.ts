import { describe, expect, it } from "vitest";
import type { ContainerView } from "../../worker/protocol";
import { make } from "../testing/make";
import { containerLabel, infraLabel, nodeLabel, nodeStatus, podLabel, serviceLabel, volumeLabel } from "./labels";

const container = (o: Partial<ContainerView>): ContainerView => ({ name: "c", role: "app", image: "x", state: "none", restartCount: 0, ready: false, started: false, probes: [], mounts: [], ...o });

describe("accessible labels", () => {
  it("start with kind and name and say the state", () => {
    const view = { key: "default/nginx", uid: "u", statusText: "Running", ready: "1/1", restarts: 0, qosClass: "BestEffort", sandbox: { state: "ready" as const, podIP: "10.244.1.5", pauseImage: "p", hostNetwork: false }, containers: [], volumes: [], source: "status" as const };
    expect(podLabel(make.pod({ name: "nginx", node: "node-1" }), view)).toBe("Pod nginx, Running, node-1");
    expect(podLabel(make.pod({ name: "nginx" }), undefined)).toBe("Pod nginx, Pending, not scheduled");
    expect(infraLabel("nginx", view)).toBe("Infra container of pod nginx, 10.244.1.5");
    expect(infraLabel("nginx", undefined)).toBe("Infra container of pod nginx, not created yet");
    expect(containerLabel(container({ name: "war", role: "init", state: "terminated", reason: "Completed", exitCode: 0 }))).toBe("Init container war, Terminated: Completed");
    expect(containerLabel(container({ name: "nginx", state: "running", ready: true, restartCount: 1 }))).toBe("Container nginx, Running, ready, 1 restart");
    expect(containerLabel(container({ name: "app", state: "waiting", reason: "CrashLoopBackOff", restartCount: 5 }))).toBe("Container app, Waiting: CrashLoopBackOff, 5 restarts");
    expect(volumeLabel({ name: "app-volume", type: "emptyDir" })).toBe("Volume app-volume, emptyDir");
    expect(volumeLabel({ name: "conf", type: "configMap", source: { kind: "ConfigMap", name: "settings" } })).toBe("Volume conf, configMap, from ConfigMap settings");
    expect(serviceLabel("my-service", 2, 0)).toBe("Service my-service, 2 ready endpoints");
  });

  it("prints a node's status as kubectl get nodes does", () => {
    expect(nodeStatus(make.node("n"))).toBe("Ready");
    expect(nodeStatus(make.node("n", { ready: false }))).toBe("NotReady");
    expect(nodeStatus(make.node("n", { unschedulable: true }))).toBe("Ready,SchedulingDisabled");
    expect(nodeLabel(make.node("node-1"), 3)).toBe("Node node-1, Ready, 3 pods");
  });
});
