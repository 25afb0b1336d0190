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

/** The NODE column of `get pods -o wide`, sorted. */
function nodes(table: string): string[] {
  const header = table.split("\n")[0].split(/\s+/);
  const i = header.indexOf("NODE");
  return rows(table)
    .map((c) => c[i])
    .sort();
}

describe("daemonset scenarios", () => {
  it("fluentd: one pod per node it fits, a pod for a new node, a rolling update", async () => {
    const r = await replay(dir("fluentd"));
    const [first, second] = r.all("kubectl get daemonset -A").map((x) => x.stdout);
    expect(first).toContain("default       node-exporter           3         3         3       3            3           <none>                   30s\n");
    expect(first).toContain("kube-system   fluentd-elasticsearch   4         4         4       4            4           <none>                   30s\n");
    expect(nodes(r.find("-l name=fluentd-elasticsearch -o wide").stdout)).toEqual(["control-plane", "node-1", "node-2", "node-3"]);
    expect(nodes(r.find("-l app=node-exporter -o wide").stdout)).toEqual(["node-1", "node-2", "node-3"]);
    expect(rows(r.find("-l app=node-exporter -o wide").stdout).every((c) => /^node-exporter-[a-z0-9]{5}$/.test(c[0]) && c[2] === "Running")).toBe(true);
    expect(r.find("matchFields[0]").stdout).toMatch(/^\{"key":"metadata.name","operator":"In","values":\["node-[123]"\]\}$/);

    expect(r.find("kubectl apply -f node-4.yaml").stdout).toBe("node/node-4 created\n");
    expect(second).toContain("default       node-exporter           4         4         4       4            4           <none>                   60s\n");
    expect(second).toContain("kube-system   fluentd-elasticsearch   5         5         5       5            5           <none>                   60s\n");
    const onNode4 = rows(r.find("--field-selector spec.nodeName=node-4").stdout).map((c) => `${c[0]} ${c[1].replace(/-[a-z0-9]{5}$/, "")} ${c[3]}`);
    expect(onNode4).toContain("default node-exporter Running");
    expect(onNode4).toContain("kube-system fluentd-elasticsearch Running");
    expect(r.find("kubectl logs -l app=node-exporter").stdout.split("\n").filter(Boolean).map((l) => l.replace(/^\[pod\/node-exporter-[a-z0-9]{5}\/exporter\] /, "")).sort()).toEqual([
      "exporting from node-1",
      "exporting from node-2",
      "exporting from node-3",
      "exporting from node-4",
    ]);

    const rollout = r.find("kubectl rollout status").stdout.split("\n");
    expect(rollout).toContain('Waiting for daemon set "node-exporter" rollout to finish: 0 out of 4 new pods have been updated...');
    expect(rollout).toContain('Waiting for daemon set "node-exporter" rollout to finish: 3 of 4 updated pods are available...');
    expect(rollout.filter(Boolean).at(-1)).toBe('daemon set "node-exporter" successfully rolled out');
    expect(r.find("kubectl rollout status").exitCode).toBe(0);
    expect(r.find("{range .items[*]}").stdout.split("\n").filter(Boolean).sort()).toEqual(["node-1 busybox:1.37", "node-2 busybox:1.37", "node-3 busybox:1.37", "node-4 busybox:1.37"]);

    const describe = r.find("kubectl describe daemonset node-exporter").stdout;
    expect(describe).toContain("Desired Number of Nodes Scheduled: 4\nCurrent Number of Nodes Scheduled: 4\nNumber of Nodes Scheduled with Up-to-date Pods: 4\nNumber of Nodes Scheduled with Available Pods: 4\nNumber of Nodes Misscheduled: 0\n");
    // One node at a time: each deletion is followed by its replacement before the next deletion.
    const timeline = describe
      .split("\n")
      .filter((l) => l.includes("daemonset-controller"))
      .map((l) => (l.includes("SuccessfulDelete") ? "delete" : "create"));
    expect(timeline).toEqual(["create", "create", "create", "create", "delete", "create", "delete", "create", "delete", "create", "delete", "create"]);
  });
});
