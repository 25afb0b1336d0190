import { describe, expect, it } from "vitest";
import { make, statusError, testApi } from "../fixtures";

const pc = (name: string, value: number, extra: Record<string, any> = {}) => ({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name }, value, ...extra });

describe("Priority admission", () => {
  it("resolves priorityClassName into priority and preemptionPolicy", () => {
    const api = testApi();
    api.create(pc("batch", 100, { preemptionPolicy: "Never" }), { actor: "kubectl" });
    const pod = api.create(make.pod("p", { priorityClassName: "batch" }), { actor: "kubectl" });
    expect(pod.spec).toMatchObject({ priority: 100, preemptionPolicy: "Never" });
  });

  it("uses the global default class, else priority 0", () => {
    const api = testApi();
    expect(api.create(make.pod("a"), { actor: "kubectl" }).spec).toMatchObject({ priority: 0, preemptionPolicy: "PreemptLowerPriority" });
    api.create(pc("normal", 50, { globalDefault: true }), { actor: "kubectl" });
    expect(api.create(make.pod("b"), { actor: "kubectl" }).spec).toMatchObject({ priorityClassName: "normal", priority: 50 });
    expect(statusError(() => api.create(pc("other", 60, { globalDefault: true }), { actor: "kubectl" })).message).toBe(
      'priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass normal is already marked as default. Only one default can exist',
    );
  });

  it("refuses unknown classes and hand-set priorities", () => {
    expect(statusError(() => testApi().create(make.pod("p", { priorityClassName: "gold" }), { actor: "kubectl" })).message).toBe('pods "p" is forbidden: no PriorityClass with name gold was found');
    expect(statusError(() => testApi().create(make.pod("p", { priority: 5 }), { actor: "kubectl" })).message).toBe(
      'pods "p" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
  });
});
