import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../trace";
import { makePod, testCluster } from "./testing/make";

async function run(seed: number): Promise<{ trace: TraceEvent[]; events: string[] }> {
  const t = testCluster({
    seed,
    setup: (rt) => {
      rt.behaviours.set("crash", { exitAfterMs: 700, exitCode: 3 });
      rt.behaviours.set("web", { http: (_p, since) => (since > 8_000 ? 500 : 200) });
    },
  });
  const trace: TraceEvent[] = [];
  t.cluster.trace.subscribe((e) => trace.push(e));
  t.create(makePod("crash", [{}]));
  t.create(makePod("web", [{ livenessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 2 }, readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 3 } }]));
  await t.advance(90_000);
  t.cluster.api.delete("Pod", "default", "web", { actor: "kubectl" });
  await t.advance(40_000);
  const events = t.cluster.store.list("Event").map((e) => `${e.lastTimestamp} ${e.involvedObject.name} ${e.reason} x${e.count} ${e.message}`);
  return { trace, events };
}

describe("determinism", () => {
  it("replays the same inputs to the same trace and events, byte for byte", async () => {
    const a = await run(7);
    const b = await run(7);
    expect(a.trace.length).toBeGreaterThan(50);
    expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
    expect(b.events).toEqual(a.events);
    const actions = new Set(a.trace.map((e) => `${e.component}:${e.action}`));
    for (const x of ["kubelet:sync", "containerd:sandbox-create", "cni:ip-assign", "containerd:pull", "containerd:container-create", "containerd:container-start", "kubelet:probe", "kubelet:kill", "containerd:sandbox-remove", "kubelet:status-update"]) {
      expect(actions).toContain(x);
    }
  });
});
