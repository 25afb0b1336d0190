import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

const job = (restartPolicy?: string) => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name: "pi" },
  spec: { template: { spec: { ...(restartPolicy ? { restartPolicy } : {}), containers: [{ name: "pi", image: "perl:5.34", command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"] }] } } },
});

describe("job strategy", () => {
  it("defaults counts and policies and generates the selector from the uid", () => {
    const j = testApi().create(job("Never"), { actor: "kubectl" });
    expect(j.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: "NonIndexed", suspend: false, podReplacementPolicy: "TerminatingOrFailed" });
    const uid = j.metadata.uid;
    expect(j.spec.selector).toEqual({ matchLabels: { "batch.kubernetes.io/controller-uid": uid } });
    expect(j.spec.template.metadata.labels).toEqual({ "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": "pi", "controller-uid": uid, "job-name": "pi" });
  });

  it("requires OnFailure or Never", () => {
    expect(statusError(() => testApi().create(job(), { actor: "kubectl" })).message).toBe(
      'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
  });

  it("keeps the template immutable", () => {
    const api = testApi();
    const j = api.create(job("Never"), { actor: "kubectl" });
    const next = structuredClone(j);
    next.spec.template.spec.containers[0].image = "perl:5.36";
    expect(statusError(() => api.update(next, { actor: "kubectl" })).message).toBe('Job.batch "pi" is invalid: spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable');
  });
});
