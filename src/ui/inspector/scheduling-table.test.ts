import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createCluster } from "../../sim";
import type { SchedulingDecision } from "../../sim/scheduler/decision-record";
import { filterTable, scoreTable, verdictText } from "./scheduling-table";

async function record(manifest: string, name: string): Promise<SchedulingDecision> {
  const cluster = createCluster({ seed: 1 });
  await cluster.kubectl(["apply", "-f", "-"], { stdin: manifest });
  await cluster.advance(2000);
  return (cluster.component("kube-scheduler") as unknown as { recordFor(ns: string, n: string): SchedulingDecision }).recordFor("default", name);
}

describe("scheduling tables", () => {
  it("lays out the 1000Gi pod's rejections node by node", async () => {
    const manifest = readFileSync(new URL("../../../scenarios/pods/memory-limits/memory-request-limit3.yaml", import.meta.url), "utf8");
    const t = filterTable(await record(manifest, "memory-demo-3"));
    expect(t.plugins).toEqual(["TaintToleration", "NodeResourcesFit"]);
    expect(t.passed).toEqual(["NodeUnschedulable", "NodeName"]);
    expect(t.skipped).toContain("NodeAffinity");
    expect(t.rows.map((r) => [r.node, ...r.cells.map(verdictText)])).toEqual([
      ["control-plane", "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }", "not run"],
      ["node-1", "passed", "Insufficient memory"],
      ["node-2", "passed", "Insufficient memory"],
      ["node-3", "passed", "Insufficient memory"],
    ]);
  });

  it("ranks the scored nodes of a scheduled pod, best first, marking the chosen one", async () => {
    const d = await record("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n", "web");
    const s = scoreTable(d)!;
    expect(s.plugins.map((p) => p.name)).toContain("NodeResourcesFit");
    expect(s.rows.length).toBe(3);
    expect(s.rows[0].selected).toBe(true);
    expect(s.rows[0].node).toBe(d.selectedNode);
    for (let i = 1; i < s.rows.length; i++) expect(s.rows[i].total).toBeLessThanOrEqual(s.rows[i - 1].total);
  });
});
