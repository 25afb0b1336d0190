import { describe, expect, it } from "vitest";
import { makePod, testCluster } from "../testing/make";

describe("lifecycle hooks", () => {
  it("kills the container when its postStart hook fails", async () => {
    const t = testCluster();
    const pod = t.create(makePod("hooked", [{ lifecycle: { postStart: { exec: { command: ["false"] } } } }]));
    await t.advance(5_000);
    const ev = t.events("hooked");
    expect(ev.find((e) => e.reason === "FailedPostStartHook")?.message).toBe(
      `Exec lifecycle hook ([false]) for Container "hooked" in Pod "hooked_default(${pod.metadata?.uid})" failed - error: command 'false' exited with 1: , message: ""`,
    );
    expect(ev.find((e) => e.reason === "Killing")?.message).toBe("FailedPostStartHook");
  });

  it("runs preStop before SIGTERM, and its time counts against the grace period", async () => {
    const t = testCluster({ setup: (rt) => rt.behaviours.set("stopper", { ignoreSigterm: true }) });
    t.cluster.api.registerGracefulDeletion("Pod", (_o, opts) => opts.gracePeriodSeconds ?? 30);
    t.create(makePod("stopper", [{ lifecycle: { preStop: { sleep: { seconds: 20 } } } }], { terminationGracePeriodSeconds: 30 }));
    await t.advance(5_000);
    t.cluster.api.delete("Pod", "default", "stopper", { actor: "kubectl" });
    await t.advance(29_000);
    expect(t.pod("stopper")).toBeDefined();
    await t.advance(3_000);
    expect(t.pod("stopper")).toBeUndefined();
    const view = t.kubelets.nodeView("node-1");
    expect(view).toHaveLength(0);
  });
});
