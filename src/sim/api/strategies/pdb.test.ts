import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

describe("pdb strategy", () => {
  it("refuses minAvailable together with maxUnavailable", () => {
    const pdb = { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "web" }, spec: { minAvailable: 1, maxUnavailable: "50%", selector: { matchLabels: { app: "web" } } } };
    expect(statusError(() => testApi().create(pdb, { actor: "kubectl" })).message).toBe(
      'PodDisruptionBudget.policy "web" is invalid: spec: Invalid value: policy.PodDisruptionBudgetSpec{...}: minAvailable and maxUnavailable cannot be both set',
    );
    delete (pdb.spec as Record<string, unknown>).maxUnavailable;
    expect(testApi().create(pdb, { actor: "kubectl" }).status).toEqual({ currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 });
  });
});
