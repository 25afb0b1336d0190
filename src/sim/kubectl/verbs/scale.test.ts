import { describe, expect, it } from "vitest";
import type { Cluster } from "../../cluster";
import { ReplicaSetController } from "../../controllers/replicaset";
import { make, workloadCluster } from "../../controllers/workload/testing";
import { memoryFiles } from "../../session/memory-files";
import { splitWords } from "../shell";

function run(c: Cluster, line: string) {
  return c.kubectl(splitWords(line).slice(1), { files: memoryFiles({}) });
}

describe("kubectl scale", () => {
  it("scales Deployments, ReplicaSets, ReplicationControllers and StatefulSets", async () => {
    const c = workloadCluster();
    c.create(make.deployment("web", 3), "kubectl");
    c.create(make.replicaSet("frontend", 3), "kubectl");
    c.create(make.replicationController("nginx", 3), "kubectl");
    expect(await run(c, "kubectl scale deployment/web --replicas=5")).toEqual({ exitCode: 0, stdout: "deployment.apps/web scaled\n", stderr: "" });
    expect((await run(c, "kubectl scale rs frontend --replicas=1")).stdout).toBe("replicaset.apps/frontend scaled\n");
    expect((await run(c, "kubectl scale --replicas=0 rc/nginx")).stdout).toBe("replicationcontroller/nginx scaled\n");
    expect(["Deployment/web", "ReplicaSet/frontend", "ReplicationController/nginx"].map((k) => c.api.get(k.split("/")[0], "default", k.split("/")[1]).spec.replicas)).toEqual([5, 1, 0]);
  });

  it("checks --current-replicas and --resource-version before scaling", async () => {
    const c = workloadCluster();
    const d = c.create(make.deployment("web", 3), "kubectl");
    expect(await run(c, "kubectl scale --current-replicas=2 --replicas=3 deployment/web")).toEqual({ exitCode: 1, stdout: "", stderr: "error: Expected replicas to be 2, was 3\n" });
    expect((await run(c, "kubectl scale --current-replicas=3 --replicas=4 deployment/web")).stdout).toBe("deployment.apps/web scaled\n");
    expect((await run(c, `kubectl scale --resource-version=${d.metadata.resourceVersion} --replicas=1 deployment/web`)).stderr).toMatch(/^error: Expected resource version to be \d+, was \d+\n$/);
  });

  it("reports kubectl's errors", async () => {
    const c = workloadCluster();
    c.create(make.pod("solo", { app: "x" }), "kubectl");
    expect((await run(c, "kubectl scale deployment/web")).stderr).toBe('error: required flag(s) "replicas" not set\n');
    expect((await run(c, "kubectl scale deployment/web --replicas=-1")).stderr).toBe("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n");
    expect((await run(c, "kubectl scale pod/solo --replicas=2")).stderr).toBe("Error from server (NotFound): the server could not find the requested resource\n");
    expect((await run(c, "kubectl scale deployment/nope --replicas=2")).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });

  it("waits with --timeout until the pods are there, advancing the clock", async () => {
    const c = workloadCluster(new ReplicaSetController());
    c.create(make.replicaSet("frontend", 1), "kubectl");
    const r = await run(c, "kubectl scale rs/frontend --replicas=4 --timeout=1m");
    expect(r.stdout).toBe("replicaset.apps/frontend scaled\n");
    expect(c.api.get("ReplicaSet", "default", "frontend").status.replicas).toBe(4);
    expect(c.clock.now).toBeGreaterThan(0);
    expect(c.clock.now).toBeLessThan(1000);
    const late = workloadCluster();
    late.create(make.replicaSet("frontend", 1), "kubectl");
    expect((await run(late, "kubectl scale rs/frontend --replicas=4 --timeout=2s")).stderr).toBe('error: timed out waiting for "frontend" to be synced\n');
  });
});
