import { describe, expect, it } from "vitest";
import { DEFAULT_EPOCH_MS } from "../sim/clock";
import type { PodRuntimeView as KubeletPodView } from "../sim/kubelet/view";
import { make } from "../ui/testing/make";
import { podView, withKubeletView } from "./runtime-view";

const parse = (ts: string) => Date.parse(ts) - DEFAULT_EPOCH_MS;

describe("podView", () => {
  it("has no sandbox until the pod is on a node, then one being created, then the pod IP", () => {
    expect(podView(make.pod({ name: "p" }), parse).sandbox).toMatchObject({ state: "none", pauseImage: "registry.k8s.io/pause:3.10" });
    expect(podView(make.pod({ name: "p", node: "node-1" }), parse).sandbox.state).toBe("creating");
    const up = podView(make.pod({ name: "p", node: "node-1", podIP: "10.244.1.5", conditions: [{ type: "PodReadyToStartContainers", status: "True" }] }), parse);
    expect(up.sandbox).toMatchObject({ state: "ready", podIP: "10.244.1.5" });
  });

  it("orders init containers, sidecars, then app containers, with their mounts", () => {
    const pod = make.pod({
      name: "p",
      initContainers: [
        { name: "war", volumeMounts: [{ name: "app-volume", mountPath: "/app" }] },
        { name: "logs", restartPolicy: "Always" },
      ],
      containers: [{ name: "tomcat", volumeMounts: [{ name: "app-volume", mountPath: "/root/webapps", readOnly: true }] }],
      volumes: [{ name: "app-volume", emptyDir: {} }, { name: "conf", configMap: { name: "tomcat-conf" } }],
    });
    const v = podView(pod, parse);
    expect(v.containers.map((c) => [c.role, c.name, c.state])).toEqual([
      ["init", "war", "none"],
      ["sidecar", "logs", "none"],
      ["app", "tomcat", "none"],
    ]);
    expect(v.containers[2].mounts).toEqual([{ volume: "app-volume", mountPath: "/root/webapps", readOnly: true }]);
    expect(v.volumes).toEqual([
      { name: "app-volume", type: "emptyDir" },
      { name: "conf", type: "configMap", source: { kind: "ConfigMap", name: "tomcat-conf" } },
    ]);
  });

  it("computes the back-off deadline from the last exit and the kubelet's message", () => {
    const pod = make.pod({
      name: "p",
      node: "n",
      phase: "Running",
      containerStatuses: [
        {
          name: "app",
          image: "x",
          imageID: "",
          ready: false,
          restartCount: 2,
          state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 20s restarting failed container=app pod=p_default(uid-p)" } },
          lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: "2025-01-01T00:01:00Z" } },
        },
      ],
    });
    const c = podView(pod, parse).containers[0];
    expect(c).toMatchObject({ state: "waiting", reason: "CrashLoopBackOff", restartCount: 2, backOffMs: 20_000, backOffUntil: 80_000, lastTerminated: { reason: "Error", exitCode: 1 } });
  });

  it("takes probe results from the trace", () => {
    const pod = make.pod({ name: "p", containers: [{ name: "app", readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 5 } }] });
    const results = new Map([["app/readiness", { result: "failure" as const, at: 12_000 }]]);
    expect(podView(pod, parse, results).containers[0].probes).toEqual([{ type: "readiness", handler: "http-get http://:80/", periodSeconds: 5, last: "failure", lastAt: 12_000 }]);
  });
});

describe("withKubeletView", () => {
  it("refines the view with the kubelet's sandbox, instances, back-off and probe verdicts", () => {
    const pod = make.pod({ name: "p", node: "node-1", containers: [{ name: "app", livenessProbe: { exec: { command: ["cat", "/tmp/healthy"] } } }], volumes: [{ name: "data", emptyDir: {} }] });
    const kv: KubeletPodView = {
      node: "node-1",
      uid: "uid-p",
      namespace: "default",
      name: "p",
      static: false,
      worker: "SyncPod",
      sandbox: { id: "sb1", pauseImage: "registry.k8s.io/pause:3.10", ip: "10.244.1.7", state: "ready", createdAt: 100, attempt: 0 },
      sandboxes: [],
      containers: [{ name: "app", role: "app", image: "busybox", instances: [{ id: "c2", attempt: 1, state: "exited", createdAt: 5, memoryBytes: 0, cpuMilli: 0 }, { id: "c1", attempt: 0, state: "removed", createdAt: 1, memoryBytes: 0, cpuMilli: 0 }], backOffUntil: 45_000 }],
      probes: [{ container: "app", type: "liveness", periodSeconds: 10, verdict: "failure", history: [{ time: 30_000, result: "failure", message: "cat: can't open '/tmp/healthy'" }] }],
      hooks: [],
      volumes: [{ name: "data", type: "emptyDir", mounted: true }],
    };
    const v = withKubeletView(podView(pod, parse), kv);
    expect(v.source).toBe("kubelet");
    expect(v.sandbox).toMatchObject({ state: "ready", podIP: "10.244.1.7" });
    expect(v.containers[0]).toMatchObject({ instances: 2, containerID: "containerd://c2", backOffUntil: 45_000 });
    expect(v.containers[0].probes[0]).toMatchObject({ type: "liveness", last: "failure", lastAt: 30_000 });
    expect(v.volumes[0]).toMatchObject({ name: "data", mounted: true });
  });
});
