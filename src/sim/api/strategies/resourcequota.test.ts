import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

const rq = (spec: Record<string, any>) => ({ apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" }, spec });

describe("resourcequota strategy", () => {
  it("accepts standard quota resources and starts with an empty status", () => {
    expect(testApi().create(rq({ hard: { pods: "10", "requests.cpu": "2", "count/deployments.apps": "3" } }), { actor: "kubectl" }).status).toEqual({});
  });

  it("rejects unknown resources, fractional counts and conflicting scopes", () => {
    expect(statusError(() => testApi().create(rq({ hard: { gpus: "1" } }), { actor: "kubectl" })).message).toBe(
      'ResourceQuota "q" is invalid: [spec.hard[gpus]: Invalid value: "gpus": must be a standard resource type or fully qualified, spec.hard[gpus]: Invalid value: "gpus": must be a standard resource for quota]',
    );
    expect(statusError(() => testApi().create(rq({ hard: { pods: "1.5" } }), { actor: "kubectl" })).message).toBe('ResourceQuota "q" is invalid: spec.hard[pods]: Invalid value: 1500m: must be an integer');
    expect(statusError(() => testApi().create(rq({ hard: { pods: "1" }, scopes: ["BestEffort", "NotBestEffort"] }), { actor: "kubectl" })).message).toBe(
      'ResourceQuota "q" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort", "NotBestEffort"}: conflicting scopes',
    );
  });
});
