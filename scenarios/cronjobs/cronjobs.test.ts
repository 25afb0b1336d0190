import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replay } from "../helpers";

const dir = (name: string) => join(__dirname, name);

/** The first column of a table's rows. */
function names(table: string): string[] {
  return table
    .split("\n")
    .filter((l) => l.length > 0)
    .slice(1)
    .map((l) => l.split(/\s+/)[0]);
}

/** The outputs of the commands that are exactly `command`, in order. */
function exactly(r: { records: { command: string; stdout: string }[] }, command: string): string[] {
  return r.records.filter((x) => x.command === command).map((x) => x.stdout);
}

/** The "Reason  Message" pairs of a describe's events. */
function events(describe: string): string[] {
  return describe
    .split("\n")
    .filter((l) => l.includes("cronjob-controller"))
    .map((l) => {
      const reason = l.trim().split(/\s+/)[1];
      return `${reason}: ${l.replace(/^.*cronjob-controller {2}/, "")}`;
    });
}

// 2025-01-01T00:01:00Z, the first scheduled minute of the virtual clock, is minute 28928161 of the epoch.
const job = (minute: number) => `${28928160 + minute}`;

describe("cronjob scenarios", () => {
  it("hello: a Job each minute named after its minute, logs, three kept", async () => {
    const r = await replay(dir("hello"));
    const [created, firstRun] = exactly(r, "kubectl get cronjob hello");
    expect(created).toBe("NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */1 * * * *   <none>     False     0        <none>          0s\n");
    expect(firstRun).toBe("NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */1 * * * *   <none>     False     0        5s              65s\n");
    const watch = r.find("--watch").stdout.split("\n");
    expect(watch[1]).toMatch(new RegExp(`^hello-${job(1)} +Complete +1/1 `));
    expect(watch.some((l) => new RegExp(`^hello-${job(2)} +Running +0/1`).test(l))).toBe(true);
    expect(watch.filter(Boolean).at(-1)).toMatch(new RegExp(`^hello-${job(2)} +Complete +1/1 `));
    expect(names(exactly(r, "kubectl get jobs")[0])).toEqual([`hello-${job(1)}`, `hello-${job(2)}`]);
    expect(r.find(`kubectl logs job/hello-${job(1)}`).stdout).toBe("Wed Jan  1 00:01:01 UTC 2025\nHello from the Kubernetes cluster\n");
    expect(names(exactly(r, "kubectl get jobs")[1])).toEqual([`hello-${job(4)}`, `hello-${job(5)}`, `hello-${job(6)}`]);
    expect(names(r.find("kubectl get pods").stdout).map((n) => n.replace(/-[a-z0-9]{5}$/, ""))).toEqual([`hello-${job(4)}`, `hello-${job(5)}`, `hello-${job(6)}`]);
    const describe = r.find("kubectl describe cronjob hello").stdout;
    expect(describe).toContain("Schedule:                      */1 * * * *\nConcurrency Policy:            Allow\nSuspend:                       False\nSuccessful Job History Limit:  3\nFailed Job History Limit:      1\n");
    expect(describe).toContain("Last Schedule Time:  Wed, 01 Jan 2025 00:06:00 +0000\nActive Jobs:         <none>\n");
    const ev = events(describe);
    expect(ev.slice(0, 2)).toEqual([`SuccessfulCreate: Created job hello-${job(1)}`, `SawCompletedJob: Saw completed job: hello-${job(1)}, condition: Complete`]);
    expect(ev).toContain(`SuccessfulDelete: Deleted job hello-${job(1)}`);
    expect(ev).toContain(`SuccessfulDelete: Deleted job hello-${job(3)}`);
    expect(ev).not.toContain(`SuccessfulDelete: Deleted job hello-${job(4)}`);
    expect(r.find("{.status.lastScheduleTime}").stdout).toBe("2025-01-01T00:06:00Z 2025-01-01T00:06:01Z");
    expect(r.find(`kubectl get job hello-${job(6)}`).stdout).toBe('{"batch.kubernetes.io/cronjob-scheduled-timestamp":"2025-01-01T00:06:00Z"} CronJob/hello');
  });

  it("forbid: no second Job while the first runs; the skipped run starts late", async () => {
    const r = await replay(dir("forbid"));
    const [during, after] = exactly(r, "kubectl get jobs");
    expect(during).toBe(`NAME            STATUS    COMPLETIONS   DURATION   AGE\nslow-${job(1)}   Running   0/1           65s        65s\n`);
    expect(r.find("kubectl get cronjob slow").stdout).toContain("slow   */1 * * * *   <none>     False     1        65s             2m5s\n");
    expect(r.find("reason=JobAlreadyActive").stdout).toBe(
      "LAST SEEN   TYPE     REASON             OBJECT         MESSAGE\n5s          Normal   JobAlreadyActive   cronjob/slow   Not starting job because prior execution is running and concurrency policy is Forbid\n",
    );
    expect(names(after)).toEqual([`slow-${job(1)}`, `slow-${job(3)}`]);
    expect(after).toMatch(new RegExp(`slow-${job(1)} +Complete +1/1 `));
  });

  it("replace: the running Job is deleted when the next is due", async () => {
    const r = await replay(dir("replace"));
    expect(names(r.find("kubectl get jobs").stdout)).toEqual([`slow-${job(2)}`]);
    const pods = r.find("kubectl get pods").stdout.split("\n").filter(Boolean).slice(1);
    expect(pods.map((l) => l.split(/\s+/).slice(0, 3).join(" ").replace(/-[a-z0-9]{5} /, " "))).toEqual([`slow-${job(1)} 1/1 Terminating`, `slow-${job(2)} 1/1 Running`]);
    expect(r.find("{range .status.active[*]}").stdout).toBe(`slow-${job(2)}\n`);
    expect(events(r.find("kubectl describe cronjob slow").stdout)).toEqual([`SuccessfulCreate: Created job slow-${job(1)}`, `SuccessfulDelete: Deleted job slow-${job(1)}`, `SuccessfulCreate: Created job slow-${job(2)}`]);
  });

  it("suspend: nothing runs while suspended; resuming starts the latest missed run", async () => {
    const r = await replay(dir("suspend"));
    expect(exactly(r, "kubectl get cronjob hello")[0]).toContain("hello   */1 * * * *   <none>     True      0        10s             70s\n");
    const [suspended, resumed] = exactly(r, "kubectl get jobs");
    expect(names(suspended)).toEqual([`hello-${job(1)}`]);
    expect(names(resumed)).toEqual([`hello-${job(1)}`, `hello-${job(4)}`]);
    expect(exactly(r, "kubectl get cronjob hello")[1]).toContain("hello   */1 * * * *   <none>     False     0        12s             4m12s\n");
  });
});
