import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replay } from "../helpers";

const dir = (name: string) => join(__dirname, name);

/** The rows of a table, each as its whitespace-separated cells. */
function rows(table: string): string[][] {
  return table
    .split("\n")
    .filter((l) => l.length > 0)
    .slice(1)
    .map((l) => l.trim().split(/\s+/));
}

/** The event lines of `kubectl describe`, as "Type Reason Message". */
function events(describe: string): string[] {
  const lines = describe.split("\n");
  const start = lines.findIndex((l) => l.startsWith("Events:"));
  return lines
    .slice(start + 3)
    .filter((l) => l.trim().length > 0)
    .map((l) => {
      const [type, reason] = l.trim().split(/\s+/);
      return `${type} ${reason} ${l.replace(/^.*job-controller {2}/, "")}`;
    });
}

const POD = "[bcdfghjklmnpqrstvwxz2456789]{5}";

/** The outputs of the commands that are exactly `command`, in order. */
function exactly(r: { records: { command: string; stdout: string }[] }, command: string): string[] {
  return r.records.filter((x) => x.command === command).map((x) => x.stdout);
}

describe("job scenarios", () => {
  it("pi: the docs example runs to Complete 1/1 and its log is pi to 2000 places", async () => {
    const r = await replay(dir("pi"));
    expect(r.find("kubectl apply").stdout).toBe("job.batch/pi created\n");
    expect(r.all("kubectl get jobs")[0].stdout).toBe("NAME   STATUS    COMPLETIONS   DURATION   AGE\npi     Running   0/1           1s         1s\n");
    expect(r.all("kubectl get jobs")[1].stdout).toBe("NAME   STATUS     COMPLETIONS   DURATION   AGE\npi     Complete   1/1           28s        61s\n");
    const pod = r.find("--output=jsonpath").stdout;
    expect(pod).toMatch(new RegExp(`^pi-${POD}$`));
    const describe = r.find("kubectl describe job pi").stdout;
    expect(describe).toContain("Labels:           batch.kubernetes.io/controller-uid=");
    expect(describe).toContain("                  job-name=pi\n");
    expect(describe).toContain("Completions:      1\nCompletion Mode:  NonIndexed\nSuspend:          false\nBackoff Limit:    4\n");
    expect(describe).toContain("Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\n");
    expect(events(describe)).toEqual([`Normal SuccessfulCreate Created pod: ${pod}`, "Normal Completed Job completed"]);
    const pi = r.find("kubectl logs job/pi").stdout;
    expect(pi).toMatch(/^3\.14159265358979323846264338327950288419716939937510/);
    // bpi(2000): 2000 significant digits and a newline.
    expect(pi).toHaveLength(2002);
    expect(r.find("{range .status.conditions[*]}").stdout).toBe(
      "SuccessCriteriaMet=True CompletionsReached: Reached expected number of succeeded pods\nComplete=True CompletionsReached: Reached expected number of succeeded pods\n",
    );
  });

  it("indexed: five completions three at a time, each pod with its index", async () => {
    const r = await replay(dir("indexed"));
    const first = rows(r.find("-L batch.kubernetes.io/job-completion-index").stdout);
    expect(first.map((c) => [c[0].replace(new RegExp(`-${POD}$`), ""), c.at(-1)])).toEqual([
      ["indexed-job-0", "0"],
      ["indexed-job-1", "1"],
      ["indexed-job-2", "2"],
    ]);
    // Index i sleeps i+2 seconds: at 8 s the first two are done.
    expect(r.find("{.status.completedIndexes}").stdout).toBe("0,1");
    expect(exactly(r, "kubectl get job indexed-job")[0]).toMatch(/^NAME +STATUS +COMPLETIONS +DURATION +AGE\nindexed-job +Complete +5\/5 +1\ds +38s\n$/);
    const describe = r.find("kubectl describe job indexed-job").stdout;
    expect(describe).toContain("Completion Mode:    Indexed\n");
    expect(describe).toContain("Pods Statuses:      0 Active (0 Ready) / 5 Succeeded / 0 Failed\nCompleted Indexes:  0-4\n");
    expect(events(describe).filter((e) => e.includes("SuccessfulCreate")).map((e) => e.replace(new RegExp(`-${POD}$`), ""))).toEqual([0, 1, 2, 3, 4].map((i) => `Normal SuccessfulCreate Created pod: indexed-job-${i}`));
    const logs = r.find("kubectl logs").stdout.split("\n").filter(Boolean);
    expect(logs.map((l) => l.replace(new RegExp(`^\\[pod/indexed-job-(\\d)-${POD}/worker\\] `), "$1 "))).toEqual(["0 processing item 0", "1 processing item 1", "2 processing item 2", "3 processing item 3", "4 processing item 4"]);
    expect(r.find("job-completion-index=3 -o jsonpath").stdout).toBe(
      `indexed-job-3 [{"name":"JOB_COMPLETION_INDEX","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.labels['batch.kubernetes.io/job-completion-index']"}}}]`,
    );
  });

  it("backoff-limit: replacements after 10 s, 20 s, 40 s, then BackoffLimitExceeded", async () => {
    const r = await replay(dir("backoff-limit"));
    expect(rows(r.find("kubectl get pods").stdout).map((c) => c[2])).toEqual(["Error", "Error"]);
    expect(rows(r.find("kubectl get pods").stdout).map((c) => c[4]).sort()).toEqual(["10s", "20s"]);
    expect(r.find("kubectl get job flaky").stdout).toBe("NAME    STATUS   COMPLETIONS   DURATION   AGE\nflaky   Failed   0/1           2m20s      2m20s\n");
    // Pods created at 0 s, 10 s, 30 s and 70 s: back-off doubling from 10 s.
    const ages = rows(r.all("kubectl get pods")[1].stdout).map((c) => c[4]);
    expect(ages.sort()).toEqual(["110s", "2m10s", "2m20s", "70s"]);
    const describe = r.find("kubectl describe job flaky").stdout;
    expect(describe).toContain("Backoff Limit:    3\n");
    expect(describe).toContain("Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 4 Failed\n");
    expect(events(describe).at(-1)).toBe("Warning BackoffLimitExceeded Job has reached the specified backoff limit");
    expect(r.find("{.status.failed}").stdout).toBe("4 FailureTarget Failed BackoffLimitExceeded");
  });

  it("deadline: past activeDeadlineSeconds the pod is stopped and the Job fails", async () => {
    const r = await replay(dir("deadline"));
    const [running, failed] = exactly(r, "kubectl get job slow");
    expect(running).toContain("slow   Running   0/1           10s        10s\n");
    // The FailureTarget comes first; Failed waits until the pod has terminated.
    expect(r.find("{.status.conditions[*].type}").stdout).toBe("FailureTarget");
    expect(rows(r.find("kubectl get pods").stdout)[0][2]).toBe("Terminating");
    expect(failed).toContain("slow   Failed   0/1           32s        32s\n");
    const describe = r.find("kubectl describe job slow").stdout;
    expect(describe).toContain("Active Deadline Seconds:  20s\n");
    expect(describe).toContain("Pods Statuses:            0 Active (0 Ready) / 0 Succeeded / 1 Failed\n");
    const ev = events(describe);
    expect(ev[1]).toMatch(new RegExp(`^Normal SuccessfulDelete Deleted pod: slow-${POD}$`));
    expect(ev[2]).toBe("Warning DeadlineExceeded Job was active longer than specified deadline");
  });

  it("pod-failure-policy: exit code 42 fails the Job at once (FailJob)", async () => {
    const r = await replay(dir("pod-failure-policy"));
    expect(r.find("kubectl get jobs").stdout).toBe("NAME                             STATUS   COMPLETIONS   DURATION   AGE\njob-pod-failure-policy-example   Failed   0/12          30s        30s\n");
    const yaml = r.find("kubectl get jobs -l job-name=job-pod-failure-policy-example -o yaml").stdout;
    expect(yaml).toMatch(new RegExp(`message: Container main for pod default/job-pod-failure-policy-example-${POD}\\n {8}failed with exit code 42 matching FailJob rule at index 0\\n {6}reason: PodFailurePolicy\\n {6}status: "True"\\n {6}type: Failed\\n`));
    expect(yaml).toContain("      reason: PodFailurePolicy\n      status: \"True\"\n      type: FailureTarget\n");
    const ev = events(r.find("kubectl describe job").stdout);
    expect(ev.at(-1)).toMatch(new RegExp(`^Warning PodFailurePolicy Container main for pod default/job-pod-failure-policy-example-${POD} failed with exit code 42 matching FailJob rule at index 0$`));
    // Far from backoffLimit 6: no retries.
    expect(ev.filter((e) => e.includes("SuccessfulCreate"))).toHaveLength(3);
  });

  it("ttl: the finished Job and its pod are deleted ttlSecondsAfterFinished later", async () => {
    const r = await replay(dir("ttl"));
    expect(r.all("kubectl get job pi-with-ttl")[0].stdout).toContain("pi-with-ttl   Complete   1/1           28s        60s\n");
    expect(rows(r.all("kubectl get pods")[0].stdout)[0][2]).toBe("Completed");
    expect(r.all("kubectl get job pi-with-ttl")[1].stderr).toBe('Error from server (NotFound): jobs.batch "pi-with-ttl" not found\n');
    expect(r.all("kubectl get pods")[1].stderr).toBe("No resources found in default namespace.\n");
  });
});
