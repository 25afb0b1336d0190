import { describe, expect, it } from "vitest";
import { makePod, testCluster } from "./testing/make";

describe("pod-level limits", () => {
  it("evicts a pod whose emptyDir outgrows its sizeLimit", async () => {
    const t = testCluster();
    t.create(makePod("cache", [{ volumeMounts: [{ name: "scratch", mountPath: "/scratch" }] }], { volumes: [{ name: "scratch", emptyDir: { sizeLimit: "1Ki" } }] }));
    await t.advance(5_000);
    const vol = t.rt().running("cache")!.config.mounts.find((m) => m.containerPath === "/scratch")!.volume;
    vol.writeFiles({ big: { content: "x".repeat(4096) } });
    await t.advance(15_000);
    const pod = t.pod("cache")!;
    expect(pod.status).toMatchObject({ phase: "Failed", reason: "Evicted", message: 'Usage of EmptyDir volume "scratch" exceeds the limit "1Ki". ' });
    expect(pod.status?.conditions?.find((c) => c.type === "DisruptionTarget")).toMatchObject({ status: "True", reason: "TerminationByKubelet" });
    expect(t.events("cache").find((e) => e.reason === "Evicted")?.type).toBe("Warning");
  });

  it("fails a pod that outlives activeDeadlineSeconds", async () => {
    const t = testCluster();
    t.create(makePod("deadline", [{}], { activeDeadlineSeconds: 20 }));
    await t.advance(10_000);
    expect(t.pod("deadline")?.status?.phase).toBe("Running");
    await t.advance(15_000);
    const pod = t.pod("deadline")!;
    expect(pod.status).toMatchObject({ phase: "Failed", reason: "DeadlineExceeded", message: "Pod was active on the node longer than the specified deadline" });
    expect(t.events("deadline").find((e) => e.reason === "DeadlineExceeded")?.message).toBe("Pod was active on the node longer than the specified deadline");
  });

  it("keeps node.status.images current after pulls", async () => {
    const t = testCluster();
    t.create(makePod("puller", [{ image: "redis:7" }]));
    await t.advance(15_000);
    const node = t.cluster.store.get("Node", undefined, "node-1")!;
    expect(node.status.images.map((i: { names: string[] }) => i.names[0])).toContain("redis:7");
  });
});
