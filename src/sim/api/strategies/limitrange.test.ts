import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

const lr = (limits: Record<string, any>[]) => ({ apiVersion: "v1", kind: "LimitRange", metadata: { name: "limits" }, spec: { limits } });

describe("limitrange strategy", () => {
  it("defaults Container limits from max and requests from default, then min", () => {
    const r = testApi().create(lr([{ type: "Container", max: { cpu: "1" }, min: { memory: "64Mi" }, default: { memory: "256Mi" } }]), { actor: "kubectl" });
    expect(r.spec.limits[0].default).toEqual({ memory: "256Mi", cpu: "1" });
    expect(r.spec.limits[0].defaultRequest).toEqual({ memory: "256Mi", cpu: "1" });
    const m = testApi().create(lr([{ type: "Container", min: { memory: "64Mi" } }]), { actor: "kubectl" });
    expect(m.spec.limits[0].defaultRequest).toEqual({ memory: "64Mi" });
  });

  it("rejects inconsistent ranges", () => {
    expect(statusError(() => testApi().create(lr([{ type: "Container", min: { cpu: "2" }, max: { cpu: "1" } }]), { actor: "kubectl" })).message).toBe(
      'LimitRange "limits" is invalid: [spec.limits[0].min[cpu]: Invalid value: 2: min value 2 is greater than max value 1, spec.limits[0].defaultRequest[cpu]: Invalid value: 1: min value 2 is greater than default request value 1, spec.limits[0].default[cpu]: Invalid value: 2: min value 2 is greater than default value 1]',
    );
    expect(statusError(() => testApi().create(lr([{ type: "Pod", default: { cpu: "1" } }]), { actor: "kubectl" })).message).toBe(
      "LimitRange \"limits\" is invalid: spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'",
    );
  });
});
