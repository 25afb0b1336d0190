import { describe, expect, it } from "vitest";
import { createCluster } from "../index";
import { EVICTION_REFUSED, evictPod } from "./eviction";

async function clusterWithBudget(minAvailable: number | string) {
  const c = createCluster({ addons: false });
  await c.kubectl(["create", "deployment", "web", "--image=nginx:1.27", "--replicas=3"], {});
  await c.advance(20_000);
  c.api.create({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "web", namespace: "default" }, spec: { minAvailable, selector: { matchLabels: { app: "web" } } } }, { actor: "test" });
  await c.advance(1_000);
  const pods = c.api.list("Pod", "default").map((p) => p.metadata.name!);
  return { c, pods };
}

describe("the eviction API and the disruption controller", () => {
  it("spends the budget, then refuses with 429 and the budget's cause", async () => {
    const { c, pods } = await clusterWithBudget(2);
    const pdb = c.api.get("PodDisruptionBudget", "default", "web");
    expect(pdb.status).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1 });
    expect(pdb.status.conditions[0]).toMatchObject({ type: "DisruptionAllowed", status: "True", reason: "SufficientPods" });
    evictPod(c.api, "default", pods[0], { actor: "test" });
    const spent = c.api.get("PodDisruptionBudget", "default", "web");
    expect(spent.status.disruptionsAllowed).toBe(0);
    expect(Object.keys(spent.status.disruptedPods)).toEqual([pods[0]]);
    expect(c.api.get("Pod", "default", pods[0]).status.conditions).toContainEqual(expect.objectContaining({ type: "DisruptionTarget", reason: "EvictionByEvictionAPI", message: "Eviction API: evicting" }));
    expect(() => evictPod(c.api, "default", pods[1], { actor: "test" })).toThrow(EVICTION_REFUSED);
    try {
      evictPod(c.api, "default", pods[1], { actor: "test" });
    } catch (e) {
      expect((e as { code: number; budgetCause: string }).code).toBe(429);
      expect((e as { budgetCause: string }).budgetCause).toBe("The disruption budget web needs 2 healthy pods and has 3 currently");
    }
  });

  it("scales a percentage by the Deployment's replicas, rounding up", async () => {
    const { c } = await clusterWithBudget("50%");
    expect(c.api.get("PodDisruptionBudget", "default", "web").status).toMatchObject({ expectedPods: 3, desiredHealthy: 2, disruptionsAllowed: 1 });
  });

  it("fails safe for a percentage over pods no controller manages", async () => {
    const c = createCluster({ addons: false });
    await c.kubectl(["run", "solo", "--image=nginx:1.27", "--labels=app=solo"], {});
    c.api.create({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "solo", namespace: "default" }, spec: { maxUnavailable: "50%", selector: { matchLabels: { app: "solo" } } } }, { actor: "test" });
    await c.advance(15_000);
    const pdb = c.api.get("PodDisruptionBudget", "default", "solo");
    expect(pdb.status.disruptionsAllowed).toBe(0);
    const events = c.api.list("Event", "default").filter((e) => e.involvedObject.name === "solo" && e.involvedObject.kind === "PodDisruptionBudget").map((e) => `${e.reason}: ${e.message}`);
    expect(events).toContainEqual(expect.stringMatching(/^UnmanagedPods: Pods selected by this PodDisruptionBudget/));
  });

  it("deletes a pending pod without looking at budgets", async () => {
    const c = createCluster({ addons: false });
    c.api.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default", labels: { app: "x" } }, spec: { nodeName: "nowhere", containers: [{ name: "c", image: "nginx" }] } }, { actor: "test" });
    c.api.create({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "x", namespace: "default" }, spec: { minAvailable: 5, selector: { matchLabels: { app: "x" } } } }, { actor: "test" });
    expect(evictPod(c.api, "default", "p", { actor: "test", gracePeriodSeconds: 0 }).removed).toBe(true);
  });
});
