import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

const pc = (name: string, value: number, extra: Record<string, any> = {}) => ({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name }, value, ...extra });

describe("priorityclass strategy", () => {
  it("defaults the preemption policy and reserves system- names", () => {
    expect(testApi().create(pc("high", 1000), { actor: "kubectl" }).preemptionPolicy).toBe("PreemptLowerPriority");
    expect(statusError(() => testApi().create(pc("system-mine", 10), { actor: "kubectl" })).message).toBe(
      "PriorityClass.scheduling.k8s.io \"system-mine\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
    );
    expect(statusError(() => testApi().create(pc("huge", 2_000_000_000), { actor: "kubectl" })).message).toBe(
      'PriorityClass.scheduling.k8s.io "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    );
  });

  it("keeps the value fixed", () => {
    const api = testApi();
    const c = api.create(pc("high", 1000), { actor: "kubectl" });
    expect(statusError(() => api.update({ ...c, value: 5 }, { actor: "kubectl" })).message).toBe('PriorityClass.scheduling.k8s.io "high" is invalid: value: Forbidden: may not be changed in an update.');
  });
});
