import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

const cj = (schedule: string) => ({
  apiVersion: "batch/v1",
  kind: "CronJob",
  metadata: { name: "hello" },
  spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "hello", image: "busybox" }] } } } } },
});

describe("cronjob strategy", () => {
  it("defaults concurrency and history limits", () => {
    const c = testApi().create(cj("* * * * *"), { actor: "kubectl" });
    expect(c.spec).toMatchObject({ concurrencyPolicy: "Allow", suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(c.spec.jobTemplate.metadata).toEqual({ creationTimestamp: null });
    expect(c.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
  });

  it("rejects schedules cron cannot parse", () => {
    expect(statusError(() => testApi().create(cj("* * *"), { actor: "kubectl" })).message).toBe('CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]');
    expect(statusError(() => testApi().create(cj("61 * * * *"), { actor: "kubectl" })).message).toBe('CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
    expect(testApi().create(cj("@hourly"), { actor: "kubectl" }).spec.schedule).toBe("@hourly");
    expect(testApi().create(cj("*/5 9-17 * * mon-fri"), { actor: "kubectl" }).spec.schedule).toBe("*/5 9-17 * * mon-fri");
  });
});
