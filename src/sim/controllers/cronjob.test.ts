import { describe, expect, it, vi } from "vitest";
import type { Cluster, Component } from "../cluster";
import type { KObject } from "../api/types";
import { CronJobController } from "./cronjob";
import { apply, controllerCluster, eventsFor } from "./job/testing";

function cronJob(spec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "hello", namespace: "default" },
    spec: {
      schedule: "*/1 * * * *",
      jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "hello", image: "busybox:1.28", command: ["/bin/sh", "-c", "date; echo Hello from the Kubernetes cluster"] }] } } } },
      ...spec,
    },
  };
}

function setup(spec: Record<string, unknown> = {}): { cluster: Cluster; ctl: CronJobController; jobs: () => string[]; get: () => KObject } {
  const ctl = new CronJobController();
  const cluster = controllerCluster([ctl]);
  apply(cluster, cronJob(spec));
  return {
    cluster,
    ctl,
    jobs: () => cluster.api.list("Job", "default").map((j) => j.metadata.name!).sort(),
    get: () => cluster.api.get("CronJob", "default", "hello"),
  };
}

/** The Job name for a minute of the virtual epoch (2025-01-01T00:00Z is minute 28928160). */
const jobAt = (minute: number) => `hello-${28928160 + minute}`;

/** Stands in for the Job controller: every Job completes two seconds after it is created. */
class JobFinisher implements Component {
  readonly name = "job-finisher";
  start(cluster: Cluster): void {
    cluster.api.watch("Job", (e) => {
      const name = e.object.metadata.name!;
      if (e.type === "ADDED") cluster.clock.after(2_000, () => cluster.api.tryGet("Job", "default", name) && finishJob(cluster, name, "Complete"));
    });
  }
}

/** What the Job controller would write: a finished Job. */
function finishJob(cluster: Cluster, name: string, type: "Complete" | "Failed"): void {
  const now = cluster.clock.timestamp();
  cluster.api.mutate("Job", "default", name, { actor: "job-controller" }, (j) => {
    j.status = { ...j.status, startTime: j.status?.startTime ?? now, conditions: [{ type, status: "True", lastProbeTime: now, lastTransitionTime: now }], ...(type === "Complete" ? { completionTime: now, succeeded: 1 } : { failed: 1 }) };
  }, "status");
}

describe("CronJob controller", () => {
  it("creates hello-<minutes since epoch> each minute, owned and annotated, and records it", async () => {
    const { cluster, jobs, get } = setup();
    await cluster.advance(59_000);
    expect(jobs()).toEqual([]);
    await cluster.advance(2_000);
    expect(jobs()).toEqual([jobAt(1)]);
    const job = cluster.api.get("Job", "default", jobAt(1));
    expect(job.metadata.annotations).toEqual({ "batch.kubernetes.io/cronjob-scheduled-timestamp": "2025-01-01T00:01:00Z" });
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: "batch/v1", kind: "CronJob", name: "hello", uid: get().metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(job.spec.template.spec.containers[0].command[2]).toBe("date; echo Hello from the Kubernetes cluster");
    const cj = get();
    expect(cj.status.lastScheduleTime).toBe("2025-01-01T00:01:00Z");
    expect(cj.status.active).toEqual([{ apiVersion: "batch/v1", kind: "Job", name: jobAt(1), namespace: "default", resourceVersion: job.metadata.resourceVersion, uid: job.metadata.uid }]);
    expect(eventsFor(cluster, "CronJob", "hello")).toEqual([`SuccessfulCreate: Created job ${jobAt(1)}`]);
  });

  it("notices finished Jobs and keeps 3 successful and 1 failed", async () => {
    const { cluster, jobs, get } = setup();
    await cluster.advance(1_000);
    for (let m = 1; m <= 5; m++) {
      await cluster.advance(60_000);
      finishJob(cluster, jobAt(m), m === 2 || m === 4 ? "Failed" : "Complete");
    }
    await cluster.advance(1_000);
    expect(jobs()).toEqual([jobAt(1), jobAt(3), jobAt(4), jobAt(5)]);
    const cj = get();
    expect(cj.status.active).toBeUndefined();
    expect(cj.status.lastSuccessfulTime).toBe("2025-01-01T00:05:01Z");
    const events = eventsFor(cluster, "CronJob", "hello");
    expect(events).toContain(`SawCompletedJob: Saw completed job: ${jobAt(2)}, condition: Failed`);
    expect(events).toContain(`SuccessfulDelete: Deleted job ${jobAt(2)}`);
    await cluster.advance(60_000);
    finishJob(cluster, jobAt(6), "Complete");
    await cluster.advance(1_000);
    expect(jobs()).toEqual([jobAt(3), jobAt(4), jobAt(5), jobAt(6)]);
  });

  it("Forbid skips a run while one is active", async () => {
    const { cluster, jobs } = setup({ concurrencyPolicy: "Forbid" });
    await cluster.advance(61_000);
    await cluster.advance(60_000);
    expect(jobs()).toEqual([jobAt(1)]);
    expect(eventsFor(cluster, "CronJob", "hello")).toContain("JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid");
    // Once it finishes, the skipped run starts late: lastScheduleTime still says 00:01.
    finishJob(cluster, jobAt(1), "Complete");
    await cluster.advance(1_000);
    expect(jobs()).toEqual([jobAt(1), jobAt(2)]);
  });

  it("Replace deletes the running Job and starts the new one", async () => {
    const { cluster, jobs, get } = setup({ concurrencyPolicy: "Replace" });
    await cluster.advance(61_000);
    await cluster.advance(60_000);
    expect(jobs()).toEqual([jobAt(2)]);
    expect(get().status.active.map((a: { name: string }) => a.name)).toEqual([jobAt(2)]);
    expect(eventsFor(cluster, "CronJob", "hello")).toEqual([`SuccessfulCreate: Created job ${jobAt(1)}`, `SuccessfulDelete: Deleted job ${jobAt(1)}`, `SuccessfulCreate: Created job ${jobAt(2)}`]);
  });

  it("does nothing while suspended, with no timer ticking; resuming schedules the next run", async () => {
    const { cluster, ctl, jobs } = setup({ suspend: true });
    const reconcile = vi.spyOn(ctl, "reconcile");
    await cluster.advance(3_600_000);
    expect(jobs()).toEqual([]);
    expect(reconcile.mock.calls.length).toBeLessThanOrEqual(1);
    cluster.api.mutate("CronJob", "default", "hello", { actor: "kubectl" }, (c) => (c.spec.suspend = false));
    await cluster.advance(1_000);
    // The most recent missed time (01:00) runs at once; 60 missed is not "too many".
    expect(jobs()).toEqual([jobAt(60)]);
    await cluster.advance(60_000);
    expect(jobs()).toEqual([jobAt(60), jobAt(61)]);
  });

  it("warns about more than 100 missed start times, and starts the latest", async () => {
    const { cluster, jobs } = setup({ suspend: true });
    await cluster.advance(101 * 60_000 + 30_000);
    cluster.api.mutate("CronJob", "default", "hello", { actor: "kubectl" }, (c) => (c.spec.suspend = false));
    await cluster.advance(1_000);
    expect(eventsFor(cluster, "CronJob", "hello")[0]).toBe("TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
    expect(jobs()).toEqual([jobAt(101)]);
  });

  it("runs in spec.timeZone, and stamps the scheduled time in that zone", async () => {
    const { cluster, jobs } = setup({ schedule: "0 9 * * *", timeZone: "Asia/Tokyo" });
    // 09:00 in Tokyo is 00:00 UTC: the first run is the next day's.
    await cluster.advance(24 * 3_600_000 + 1_000);
    expect(jobs()).toEqual([jobAt(24 * 60)]);
    expect(cluster.api.get("Job", "default", jobAt(24 * 60)).metadata.annotations?.["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe("2025-01-02T09:00:00+09:00");
  });

  it("stays bounded over days of every-minute runs: Jobs by the history limits, Events by their TTL, one timer", async () => {
    const ctl = new CronJobController();
    const cluster = controllerCluster([ctl, new JobFinisher()]);
    apply(cluster, cronJob({ successfulJobsHistoryLimit: 2 }));
    for (let hour = 0; hour < 36; hour++) {
      await cluster.advance(3_600_000);
      expect(cluster.store.count("Job")).toBeLessThanOrEqual(3);
      expect(cluster.store.count("Event")).toBeLessThanOrEqual(4 * 61);
    }
    expect(cluster.api.get("CronJob", "default", "hello").status.lastScheduleTime).toBe("2025-01-02T11:59:00Z");
    // One requeue for the CronJob, the rest are event expiries.
    expect(cluster.clock.pending).toBeLessThanOrEqual(cluster.store.count("Event") + 3);
  }, 120_000);
});
