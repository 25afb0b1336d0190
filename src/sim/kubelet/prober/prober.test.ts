import { describe, expect, it } from "vitest";
import { makePod, stateOf, testCluster } from "../testing/make";

describe("probes", () => {
  it("keeps a container unready while its readiness probe fails, in Kubernetes' words", async () => {
    let status = 500;
    const t = testCluster({ setup: (rt) => rt.behaviours.set("web", { http: () => status }) });
    t.create(makePod("web", [{ readinessProbe: { httpGet: { path: "/ready", port: 8080 }, periodSeconds: 5 } }]));
    await t.advance(20_000);
    let pod = t.pod("web")!;
    expect(pod.status?.containerStatuses?.[0].ready).toBe(false);
    expect(pod.status?.conditions?.find((c) => c.type === "Ready")).toMatchObject({ status: "False", reason: "ContainersNotReady", message: "containers with unready status: [web]" });
    expect(t.events("web").find((e) => e.reason === "Unhealthy")?.message).toBe("Readiness probe failed: HTTP probe failed with statuscode: 500");
    status = 200;
    await t.advance(6_000);
    pod = t.pod("web")!;
    expect(pod.status?.containerStatuses?.[0].ready).toBe(true);
    expect(pod.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
  });

  it("names the URL when an HTTP liveness probe cannot connect", async () => {
    const t = testCluster({ setup: (rt) => rt.behaviours.set("app", { http: () => undefined, ignoreSigterm: false }) });
    t.create(makePod("app", [{ livenessProbe: { httpGet: { path: "/healthz", port: 8080 }, initialDelaySeconds: 3, periodSeconds: 3 } }]));
    await t.advance(20_000);
    expect(t.events("app").find((e) => e.reason === "Unhealthy")?.message).toBe('Liveness probe failed: Get "http://10.244.1.2:8080/healthz": dial tcp 10.244.1.2:8080: connect: connection refused');
    expect(t.events("app").find((e) => e.reason === "Killing")?.message).toBe("Container app failed liveness probe, will be restarted");
    expect(t.pod("app")!.status!.containerStatuses![0].restartCount).toBeGreaterThanOrEqual(1);
  });

  it("holds liveness and readiness until the startup probe succeeds", async () => {
    let up = false;
    const t = testCluster({ setup: (rt) => rt.behaviours.set("slow", { http: () => (up ? 200 : undefined) }) });
    t.create(
      makePod("slow", [
        {
          startupProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 2, failureThreshold: 30 },
          livenessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 2, failureThreshold: 1 },
        },
      ]),
    );
    await t.advance(30_000);
    let cs = t.pod("slow")!.status!.containerStatuses![0];
    expect(cs.started).toBe(false);
    expect(cs.restartCount).toBe(0);
    expect(t.events("slow").some((e) => e.message.startsWith("Liveness"))).toBe(false);
    up = true;
    await t.advance(5_000);
    cs = t.pod("slow")!.status!.containerStatuses![0];
    expect(cs.started).toBe(true);
    expect(cs.ready).toBe(true);
  });

  it("restarts with the probe-level terminationGracePeriodSeconds", async () => {
    const t = testCluster({ setup: (rt) => rt.behaviours.set("quick", { http: () => 500, ignoreSigterm: true }) });
    t.create(makePod("quick", [{ livenessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 1, failureThreshold: 1, terminationGracePeriodSeconds: 3 } }], { terminationGracePeriodSeconds: 60 }));
    await t.advance(12_000);
    expect(t.pod("quick")!.status!.containerStatuses![0].restartCount).toBe(1);
    expect(stateOf(t.pod("quick"), "quick")).not.toBe("none");
  });
});
