import { describe, expect, it } from "vitest";
import type { Cluster } from "../../cluster";
import { DeploymentController } from "../../controllers/deployment";
import { ReplicaSetController } from "../../controllers/replicaset";
import { make, runPod, workloadCluster } from "../../controllers/workload/testing";
import { memoryFiles } from "../../session/memory-files";
import { splitWords } from "../shell";

function run(c: Cluster, line: string) {
  return c.kubectl(splitWords(line).slice(1), { files: memoryFiles({}) });
}

/** Pods come up Ready a second after they are created: the kubelets' part, played by a watch. */
function autoReady(c: Cluster, image = /./): void {
  c.api.watch("Pod", (e) => {
    if (e.type !== "ADDED" || !image.test(e.object.spec.containers[0].image)) return;
    const pod = e.object;
    c.clock.after(1000, () => {
      if (c.api.tryGet("Pod", "default", pod.metadata.name!)) runPod(c, pod);
    });
  });
}

async function deployment(replicas = 3, image?: RegExp): Promise<Cluster> {
  const c = workloadCluster(new ReplicaSetController(), new DeploymentController());
  autoReady(c, image);
  c.create(make.deployment("web", replicas), "kubectl");
  return c;
}

describe("kubectl rollout status", () => {
  it("prints a line at every change until the rollout is done, advancing the clock", async () => {
    const c = await deployment();
    const r = await run(c, "kubectl rollout status deployment/web");
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("Waiting for deployment spec update to be observed...");
    expect(lines).toContain('Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...');
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');
    expect(c.clock.now).toBeGreaterThanOrEqual(1000);
    expect(c.clock.now).toBeLessThan(2000);
  });

  it("with --watch=false prints the status once", async () => {
    const c = await deployment();
    const r = await run(c, "kubectl rollout status deploy web --watch=false");
    expect(r).toEqual({ exitCode: 0, stdout: "Waiting for deployment spec update to be observed...\n", stderr: "" });
    expect(c.clock.now).toBe(0);
  });

  it("gives up at --timeout", async () => {
    const c = await deployment(3, /never/);
    const r = await run(c, "kubectl rollout status deployment/web --timeout=5s");
    expect(r.exitCode).toBe(1);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe('Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...');
    expect(r.stderr).toBe("error: timed out waiting for the condition\n");
    expect(c.clock.now).toBe(5000);
  });

  it("fails when the progress deadline is exceeded", async () => {
    const c = workloadCluster(new ReplicaSetController(), new DeploymentController());
    c.create(make.deployment("web", 1, { progressDeadlineSeconds: 30 }), "kubectl");
    const r = await run(c, "kubectl rollout status deployment/web");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: deployment "web" exceeded its progress deadline\n');
    expect(c.clock.now).toBeGreaterThan(30_000);
    expect(c.clock.now).toBeLessThan(33_000);
  });

  it("refuses kinds without a status viewer and pinned revisions that differ", async () => {
    const c = await deployment();
    await c.advance(3000);
    const rs = c.api.list("ReplicaSet", "default")[0].metadata.name;
    expect((await run(c, `kubectl rollout status rs/${rs}`)).stderr).toBe("error: no status viewer has been implemented for ReplicaSet.apps\n");
    expect((await run(c, "kubectl rollout status deployment/web --revision=2")).stderr).toBe("error: desired revision (2) is different from the running revision (1)\n");
    expect((await run(c, "kubectl rollout status deployment/nope")).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect((await run(c, "kubectl rollout status")).stderr).toBe("error: required resource not specified\n");
  });
});

describe("kubectl rollout history and undo", () => {
  it("lists revisions with their change-cause, shows one, and rolls back", async () => {
    const c = await deployment(1);
    await c.advance(3000);
    expect((await run(c, "kubectl set image deployment/web app=nginx:1.16.1 --record")).stderr).toBe("Flag --record has been deprecated, --record will be removed in the future\n");
    await run(c, "kubectl rollout status deployment/web");
    const history = await run(c, "kubectl rollout history deployment/web");
    expect(history.stdout).toBe("deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deployment/web app=nginx:1.16.1 --record=true\n\n");
    const two = await run(c, "kubectl rollout history deployment/web --revision=2");
    expect(two.stdout).toMatch(/^deployment\.apps\/web with revision #2\nPod Template:\n {2}Labels:\tapp=web\n\tpod-template-hash=[a-z0-9]+\n {2}Annotations:\tkubernetes\.io\/change-cause: kubectl set image deployment\/web app=nginx:1\.16\.1 --record=true\n {2}Containers:\n {3}app:\n {4}Image:\tnginx:1\.16\.1\n/);
    expect((await run(c, "kubectl rollout history deployment/web --revision=7")).stderr).toBe("error: unable to find the specified revision\n");
    expect((await run(c, "kubectl rollout undo deployment/web")).stdout).toBe("deployment.apps/web rolled back\n");
    expect(c.api.get("Deployment", "default", "web").spec.template.spec.containers[0].image).toBe("nginx:1.14.2");
    await run(c, "kubectl rollout status deployment/web");
    expect((await run(c, "kubectl rollout history deployment/web")).stdout).toBe("deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         kubectl set image deployment/web app=nginx:1.16.1 --record=true\n3         <none>\n\n");
    expect((await run(c, "kubectl rollout undo deployment/web --to-revision=3")).stdout).toBe("deployment.apps/web skipped rollback (current template already matches revision 3)\n");
    expect((await run(c, "kubectl rollout undo deployment/web --to-revision=1")).stderr).toBe("error: unable to find specified revision 1 in history\n");
    // Every ReplicaSet is visited; two errors print as kubectl's aggregate, one per line.
    expect((await run(c, "kubectl rollout history rs")).stderr).toBe('no history viewer has been implemented for "ReplicaSet.apps"\n'.repeat(2));
    expect((await run(c, "kubectl rollout history deployments")).stdout).toMatch(/^deployment\.apps\/web \nREVISION {2}CHANGE-CAUSE\n/);
  });

  it("has no previous revision to undo to on a fresh Deployment", async () => {
    const c = await deployment(1);
    await c.advance(3000);
    expect((await run(c, "kubectl rollout undo deployment/web")).stderr).toBe('error: no rollout history found for deployment "web"\n');
  });
});

describe("kubectl rollout pause, resume, restart", () => {
  it("pauses, refuses to pause twice, resumes and restarts with the restartedAt annotation", async () => {
    const c = await deployment(1);
    await c.advance(3000);
    expect((await run(c, "kubectl rollout pause deployment/web")).stdout).toBe("deployment.apps/web paused\n");
    expect(c.api.get("Deployment", "default", "web").spec.paused).toBe(true);
    expect((await run(c, "kubectl rollout pause deployment/web")).stderr).toBe('error: deployments.apps "web" is already paused\n');
    expect((await run(c, "kubectl rollout restart deployment/web")).stderr).toBe(`error: deployments.apps "web" can't restart paused deployment (run rollout resume first)\n`);
    expect((await run(c, "kubectl rollout resume deployment/web")).stdout).toBe("deployment.apps/web resumed\n");
    expect((await run(c, "kubectl rollout resume deployment/web")).stderr).toBe('error: deployments.apps "web" is not paused\n');
    expect((await run(c, "kubectl rollout restart deployment/web")).stdout).toBe("deployment.apps/web restarted\n");
    expect(c.api.get("Deployment", "default", "web").spec.template.metadata.annotations).toEqual({ "kubectl.kubernetes.io/restartedAt": "2025-01-01T00:00:03Z" });
    expect((await run(c, "kubectl rollout restart deployment/web")).stderr).toBe(
      "error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n",
    );
    const rs = c.api.list("ReplicaSet", "default")[0].metadata.name;
    expect((await run(c, `kubectl rollout pause rs/${rs}`)).stderr).toBe(`error: replicasets.apps "${rs}" pausing is not supported\n`);
    await run(c, "kubectl rollout status deployment/web");
    expect(c.api.list("ReplicaSet", "default")).toHaveLength(2);
    await run(c, "kubectl rollout pause deployment/web");
    expect((await run(c, "kubectl rollout undo deployment/web")).stderr).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
  });
});
