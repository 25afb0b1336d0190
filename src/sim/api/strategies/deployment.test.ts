import { describe, expect, it } from "vitest";
import { make, statusError, testApi } from "../fixtures";

describe("deployment strategy", () => {
  it("defaults replicas, strategy, history and the template", () => {
    const d = testApi().create(make.deployment("web"), { actor: "kubectl" });
    expect(d.spec).toMatchObject({ replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } } });
    expect(d.spec.template.metadata).toEqual({ creationTimestamp: null, labels: { app: "web" } });
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: "Always", dnsPolicy: "ClusterFirst", schedulerName: "default-scheduler", securityContext: {}, terminationGracePeriodSeconds: 30 });
    expect(d.spec.template.spec.enableServiceLinks).toBeUndefined();
    expect(d.metadata.generation).toBe(1);
    expect(d.status).toEqual({});
  });

  it("rejects a selector that does not match the template labels", () => {
    const d = make.deployment("web");
    d.spec.template.metadata.labels = { app: "other" };
    expect(statusError(() => testApi().create(d, { actor: "kubectl" })).message).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    );
  });

  it("rejects a missing selector, restartPolicy other than Always, and an empty strategy", () => {
    const d = make.deployment("web", { selector: undefined });
    d.spec.template.spec.restartPolicy = "Never";
    expect(statusError(() => testApi().create(d, { actor: "kubectl" })).message).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"]',
    );
    expect(statusError(() => testApi().create(make.deployment("web", { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }), { actor: "kubectl" })).message).toBe(
      'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    );
  });

  it("keeps the selector immutable", () => {
    const api = testApi();
    const d = api.create(make.deployment("web"), { actor: "kubectl" });
    const next = structuredClone(d);
    next.spec.selector = { matchLabels: { app: "web2" } };
    next.spec.template.metadata.labels = { app: "web2" };
    expect(statusError(() => api.update(next, { actor: "kubectl" })).message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });
});
