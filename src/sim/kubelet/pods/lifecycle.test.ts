import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types";
import { makePod, stateOf, testCluster, type TestCluster } from "../testing/make";

function graceful(t: TestCluster): void {
  t.cluster.api.registerGracefulDeletion("Pod", (obj, opts) => (obj.spec?.nodeName ? (opts.gracePeriodSeconds ?? obj.spec?.terminationGracePeriodSeconds ?? 30) : 0));
}

describe("kubelet: restarts, back-off and termination", () => {
  it("restarts a container that fails its liveness probe (test-liveness-exec)", async () => {
    const t = testCluster({ setup: (rt) => rt.behaviours.set("liveness", { files: { "/tmp/healthy": "" }, ignoreSigterm: true }) });
    t.create(
      makePod("test-liveness-exec", [
        { name: "liveness", image: "busybox", livenessProbe: { exec: { command: ["cat", "/tmp/healthy"] }, initialDelaySeconds: 5, periodSeconds: 5 } },
      ]),
    );
    await t.advance(30_000);
    expect(t.pod("test-liveness-exec")?.status?.containerStatuses?.[0].restartCount).toBe(0);
    t.rt().running("liveness")!.files.delete("/tmp/healthy");
    await t.advance(30_000);
    const ev = t.events("test-liveness-exec");
    expect(ev.find((e) => e.reason === "Unhealthy")).toMatchObject({ type: "Warning", message: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n", count: 3 });
    expect(ev.find((e) => e.reason === "Killing")?.message).toBe("Container liveness failed liveness probe, will be restarted");
    // busybox sh ignores SIGTERM: the kill waits out the 30 s grace period.
    expect(t.pod("test-liveness-exec")?.status?.containerStatuses?.[0].restartCount).toBe(0);
    await t.advance(30_000);
    const cs = t.pod("test-liveness-exec")?.status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBe(1);
    expect(cs?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: "Error" });
    expect(stateOf(t.pod("test-liveness-exec"), "liveness")).toBe("running");
  });

  it("backs off restarting a crashing container: 10 s, 20 s, ... and reports CrashLoopBackOff", async () => {
    const t = testCluster({ setup: (rt) => rt.behaviours.set("crash", { exitAfterMs: 500, exitCode: 1 }) });
    const pod = t.create(makePod("crash", [{ image: "busybox" }]));
    await t.advance(4_000);
    expect(t.pod("crash")?.status?.containerStatuses?.[0].restartCount).toBe(1);
    await t.advance(5_000);
    const p = t.pod("crash")!;
    expect(p.status?.phase).toBe("Running");
    const ev = t.events("crash").find((e) => e.reason === "BackOff");
    expect(ev?.message).toBe(`Back-off restarting failed container crash in pod crash_default(${pod.metadata?.uid})`);
    // The status shows the back-off from the sync after the one that hit it: Error first, then CrashLoopBackOff.
    expect(stateOf(p, "crash")).toBe("terminated:Error");
    await t.advance(31_000);
    const w = t.pod("crash")!.status!.containerStatuses![0];
    expect(w.state?.waiting).toEqual({ reason: "CrashLoopBackOff", message: `back-off 20s restarting failed container=crash pod=crash_default(${pod.metadata?.uid})` });
    expect(w.lastState?.terminated?.exitCode).toBe(1);
    await t.advance(100_000);
    const rc = t.pod("crash")!.status!.containerStatuses![0].restartCount!;
    expect(rc).toBeGreaterThanOrEqual(4);
    expect(rc).toBeLessThanOrEqual(6);
  });

  it("stops a pod within its grace period, then deletes it (a shell that ignores SIGTERM takes 30 s)", async () => {
    const t = testCluster({ setup: (rt) => rt.behaviours.set("sleeper", { ignoreSigterm: true }) });
    graceful(t);
    t.create(makePod("sleeper", [{ image: "busybox" }]));
    await t.advance(5_000);
    expect(t.pod("sleeper")?.status?.phase).toBe("Running");
    t.cluster.api.delete("Pod", "default", "sleeper", { actor: "kubectl" });
    await t.advance(1_000);
    expect(t.events("sleeper").find((e) => e.reason === "Killing")?.message).toBe("Stopping container sleeper");
    await t.advance(25_000);
    expect(t.pod("sleeper")).toBeDefined();
    await t.advance(6_000);
    expect(t.pod("sleeper")).toBeUndefined();
    expect(t.kubelets.kubelet("node-1")!.ipam.used).toBe(0);
  });

  it("runs restartPolicy Never and OnFailure pods to Failed and Succeeded", async () => {
    const t = testCluster({
      setup: (rt) => {
        rt.behaviours.set("fails", { exitAfterMs: 1_000, exitCode: 2 });
        rt.behaviours.set("works", { exitAfterMs: 1_000, exitCode: 0 });
      },
    });
    t.create(makePod("never", [{ name: "fails" }], { restartPolicy: "Never" }));
    t.create(makePod("onfailure", [{ name: "works" }], { restartPolicy: "OnFailure" }));
    await t.advance(10_000);
    expect(t.pod("never")?.status?.phase).toBe("Failed");
    expect(stateOf(t.pod("never"), "fails")).toBe("terminated:Error");
    expect(t.pod("onfailure")?.status?.phase).toBe("Succeeded");
    expect(t.pod("onfailure")?.status?.conditions?.find((c) => c.type === "Ready")).toMatchObject({ status: "False", reason: "PodCompleted" });
  });

  it("runs init containers one by one before the app container", async () => {
    const t = testCluster({
      setup: (rt) => {
        rt.behaviours.set("init-1", { exitAfterMs: 3_000 });
        rt.behaviours.set("init-2", { exitAfterMs: 3_000 });
      },
    });
    const pod = makePod("init-demo", [{ name: "app" }]);
    pod.spec!.initContainers = [
      { name: "init-1", image: "busybox" },
      { name: "init-2", image: "busybox" },
    ];
    t.create(pod);
    await t.advance(3_000);
    let p = t.pod("init-demo")!;
    expect(stateOf(p, "init-1")).toBe("running");
    expect(stateOf(p, "init-2")).toBe("waiting:PodInitializing");
    expect(stateOf(p, "app")).toBe("waiting:PodInitializing");
    expect(p.status?.conditions?.find((c) => c.type === "Initialized")).toMatchObject({ status: "False", reason: "ContainersNotInitialized", message: "containers with incomplete status: [init-1 init-2]" });
    await t.advance(5_000);
    p = t.pod("init-demo")!;
    expect(stateOf(p, "init-1")).toBe("terminated:Completed");
    expect(stateOf(p, "init-2")).toBe("running");
    await t.advance(10_000);
    p = t.pod("init-demo")!;
    expect(stateOf(p, "init-2")).toBe("terminated:Completed");
    expect(stateOf(p, "app")).toBe("running");
    expect(p.status?.phase).toBe("Running");
  });

  it("reports ErrImagePull then ImagePullBackOff, and recovers when the image is fixed", async () => {
    const t = testCluster({ setup: (rt) => rt.pullFailures.set("nginx:1.161", 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": not found') });
    t.create(makePod("web", [{ image: "nginx:1.161" }]));
    await t.advance(3_000);
    await t.advance(12_000);
    const ev = t.events("web");
    expect(ev.map((e) => e.message)).toContain('Failed to pull image "nginx:1.161": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": not found');
    expect(ev.map((e) => e.message)).toContain("Error: ErrImagePull");
    await t.advance(10_000);
    expect(t.events("web").map((e) => e.message)).toContain('Back-off pulling image "nginx:1.161"');
    expect(t.events("web").map((e) => e.message)).toContain("Error: ImagePullBackOff");
    expect(stateOf(t.pod("web"), "web")).toMatch(/waiting:(ImagePullBackOff|ErrImagePull)/);
    const current = t.pod("web")! as KObject;
    t.cluster.api.update({ ...current, spec: { ...current.spec, containers: [{ ...current.spec.containers[0], image: "nginx:1.25" }] } }, { actor: "kubectl" });
    await t.advance(20_000);
    expect(stateOf(t.pod("web"), "web")).toBe("running");
  });
});
