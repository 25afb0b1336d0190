import { describe, expect, it } from "vitest";
import type { PodRuntimeView } from "../../worker/protocol";
import type { EventRow } from "../events/event-rows";
import { make } from "../testing/make";
import { whyNotReady } from "./why-not-ready";

const view = (containers: PodRuntimeView["containers"]): PodRuntimeView => ({
  key: "default/web",
  uid: "u",
  statusText: "Running",
  ready: "0/1",
  restarts: 0,
  qosClass: "BestEffort",
  sandbox: { state: "ready", pauseImage: "p", hostNetwork: false },
  containers,
  volumes: [],
  source: "kubelet",
});

const unhealthy = (message: string): EventRow => ({
  namespace: "default",
  name: "web.1",
  type: "Warning",
  reason: "Unhealthy",
  object: "pod/web",
  key: "default pod/web",
  involved: { kind: "Pod", namespace: "default", name: "web", container: "web" },
  message,
  count: 3,
  first: 0,
  last: 1000,
  source: "kubelet",
});

describe("whyNotReady", () => {
  it("says nothing about a Ready pod", () => {
    const pod = make.pod({ name: "web", node: "node-1", phase: "Running", conditions: [{ type: "Ready", status: "True" }] });
    expect(whyNotReady(pod, undefined, [])).toEqual({ ready: true, findings: [] });
  });

  it("points an unscheduled pod at the scheduler", () => {
    const f = whyNotReady(make.pod({ name: "web" }), undefined, []).findings;
    expect(f).toHaveLength(1);
    expect(f[0].text).toMatch(/^The pod is not on a node yet/);
  });

  it("quotes the failing readiness probe's output", () => {
    const pod = make.pod({
      name: "web",
      node: "node-1",
      phase: "Running",
      containers: [{ name: "web", readinessProbe: { httpGet: { path: "/ready", port: 80 } } }],
      conditions: [{ type: "Ready", status: "False", reason: "ContainersNotReady", message: "containers with unready status: [web]" }],
    });
    const v = view([{ name: "web", role: "app", image: "nginx", state: "running", restartCount: 0, ready: false, started: true, probes: [{ type: "readiness", handler: "http-get http://:80/ready", periodSeconds: 10, last: "failure", lastAt: 900 }], mounts: [] }]);
    const f = whyNotReady(pod, v, [unhealthy("Readiness probe failed: HTTP probe failed with statuscode: 503")]).findings;
    expect(f.map((x) => x.text)).toEqual([
      "Container web is running but its readiness probe (http-get http://:80/ready) fails: Readiness probe failed: HTTP probe failed with statuscode: 503",
      "Ready is False: ContainersNotReady — containers with unready status: [web].",
    ]);
    expect(f[0]).toMatchObject({ severity: "bad", term: { kind: "container", term: "readiness" } });
  });

  it("names a container in back-off with its last termination", () => {
    const pod = make.pod({ name: "web", node: "node-1", phase: "Running", conditions: [{ type: "Ready", status: "False" }] });
    const v = view([{ name: "web", role: "app", image: "x", state: "waiting", reason: "CrashLoopBackOff", message: "back-off 20s restarting failed container=web pod=web_default(u)", restartCount: 2, ready: false, started: false, probes: [], mounts: [], lastTerminated: { reason: "OOMKilled", exitCode: 137 } }]);
    const [f] = whyNotReady(pod, v, []).findings;
    expect(f.text).toBe("Container web is waiting: CrashLoopBackOff — back-off 20s restarting failed container=web pod=web_default(u). It has restarted 2 times; last time it ended with OOMKilled (exit code 137).");
    expect(f.term).toEqual({ kind: "status", term: "CrashLoopBackOff" });
  });

  it("lists unfinished init containers before the app containers", () => {
    const pod = make.pod({ name: "web", node: "node-1", conditions: [{ type: "Initialized", status: "False" }, { type: "Ready", status: "False" }] });
    const v = view([
      { name: "install", role: "init", image: "busybox", state: "running", restartCount: 0, ready: false, started: true, probes: [], mounts: [] },
      { name: "web", role: "app", image: "nginx", state: "waiting", reason: "PodInitializing", restartCount: 0, ready: false, started: false, probes: [], mounts: [] },
    ]);
    expect(whyNotReady(pod, v, []).findings.map((f) => f.container)).toEqual(["install", "web"]);
  });
});
