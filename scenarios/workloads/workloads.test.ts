import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replay } from "../helpers";

const dir = (name: string) => join(__dirname, name);

/** The non-empty lines of an output. */
const lines = (text: string) => text.split("\n").filter((l) => l.length > 0);

/** The cells of the row whose first cell is `row`, by header name. */
function row(table: string, name: string): Record<string, string> {
  const [header, ...rest] = lines(table);
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index! }));
  const line = rest.find((l) => l.split(/\s+/)[0] === name);
  if (!line) throw new Error(`no row ${name} in:\n${table}`);
  const out: Record<string, string> = {};
  starts.forEach((s, i) => (out[s.name] = line.slice(s.at, starts[i + 1]?.at).trim()));
  return out;
}

/** The names in the first column of a table. */
const names = (table: string) => lines(table).slice(1).map((l) => l.split(/\s+/)[0]);

describe("workload scenarios", () => {
  it("nginx-deployment: the documentation's create, update, failed rollout, history and rollback", async () => {
    const r = await replay(dir("nginx-deployment"));
    expect(r.find("kubectl apply").stdout).toBe("deployment.apps/nginx-deployment created\n");
    expect(r.find("kubectl get deployments").stdout).toBe("NAME               READY   UP-TO-DATE   AVAILABLE   AGE\nnginx-deployment   0/3     0            0           0s\n");
    const first = lines(r.find("kubectl rollout status").stdout);
    expect(first[0]).toBe("Waiting for deployment spec update to be observed...");
    expect(first).toContain('Waiting for deployment "nginx-deployment" rollout to finish: 0 of 3 updated replicas are available...');
    expect(first.at(-1)).toBe('deployment "nginx-deployment" successfully rolled out');
    const ready = r.find("kubectl get deployments", 3).stdout;
    expect(row(ready, "nginx-deployment")).toMatchObject({ READY: "3/3", "UP-TO-DATE": "3", AVAILABLE: "3" });
    const [rs1] = names(r.find("kubectl get rs").stdout);
    expect(rs1).toMatch(/^nginx-deployment-[456789bcdf]{9,10}$/);
    const hash = rs1.slice("nginx-deployment-".length);
    expect(row(r.find("kubectl get rs").stdout, rs1)).toMatchObject({ DESIRED: "3", CURRENT: "3", READY: "3" });
    expect(lines(r.find("kubectl get pods --show-labels").stdout).slice(1).every((l) => l.endsWith(`app=nginx,pod-template-hash=${hash}`))).toBe(true);

    // The update: a second ReplicaSet, scaled up as the first is scaled down.
    expect(r.find("kubectl set image deployment.v1.apps").stdout).toBe("deployment.apps/nginx-deployment image updated\n");
    const update = lines(r.find("kubectl rollout status", 8).stdout);
    expect(update).toContain('Waiting for deployment "nginx-deployment" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(update).toContain('Waiting for deployment "nginx-deployment" rollout to finish: 1 old replicas are pending termination...');
    expect(update.at(-1)).toBe('deployment "nginx-deployment" successfully rolled out');
    const describe = r.find("kubectl describe deployments").stdout;
    const rs2 = describe.match(/NewReplicaSet: {3}(\S+) \(3\/3 replicas created\)/)![1];
    expect(describe).toContain("Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable\n");
    expect(describe).toContain("Annotations:            deployment.kubernetes.io/revision: 2\n                        kubernetes.io/change-cause: image updated to 1.16.1\n");
    expect(describe).toContain("OldReplicaSets:  <none>\n");
    expect(describe).toContain("  Available      True    MinimumReplicasAvailable\n  Progressing    True    NewReplicaSetAvailable\n");
    const scaling = lines(describe).filter((l) => l.includes("ScalingReplicaSet")).map((l) => l.replace(/^.*deployment-controller {2}/, ""));
    expect(scaling).toEqual([
      `Scaled up replica set ${rs1} to 3`,
      `Scaled up replica set ${rs2} to 1`,
      `Scaled down replica set ${rs1} to 2 from 3`,
      `Scaled up replica set ${rs2} to 2 from 1`,
      `Scaled down replica set ${rs1} to 1 from 2`,
      `Scaled up replica set ${rs2} to 3 from 2`,
      `Scaled down replica set ${rs1} to 0 from 1`,
    ]);

    // The typo: one new pod that cannot pull, the rollout stuck at 1 of 3.
    const stuck = r.find("kubectl rollout status deployment/nginx-deployment --timeout=30s");
    expect(stuck.exitCode).toBe(1);
    expect(lines(stuck.stdout).at(-1)).toBe('Waiting for deployment "nginx-deployment" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(stuck.stderr).toBe("error: timed out waiting for the condition\n");
    const rsTable = r.find("kubectl get rs", r.records.indexOf(stuck)).stdout;
    const rs3 = names(rsTable).find((n) => n !== rs1 && n !== rs2)!;
    expect(row(rsTable, rs2)).toMatchObject({ DESIRED: "3", CURRENT: "3", READY: "3" });
    expect(row(rsTable, rs3)).toMatchObject({ DESIRED: "1", CURRENT: "1", READY: "0" });
    expect(lines(r.find("kubectl get pods", r.records.indexOf(stuck)).stdout).find((l) => l.startsWith(rs3))).toMatch(/0\/1 {5}(ErrImagePull|ImagePullBackOff)/);
    expect(r.find("kubectl describe deployment", r.records.indexOf(stuck)).stdout).toContain("Replicas:               3 desired | 1 updated | 4 total | 3 available | 1 unavailable\n");

    expect(r.find("kubectl rollout history deployment/nginx-deployment").stdout).toBe(
      "deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image updated to 1.16.1\n3         image updated to 1.161\n\n",
    );
    const revision2 = r.find("--revision=2").stdout;
    expect(revision2).toContain(`deployment.apps/nginx-deployment with revision #2\nPod Template:\n  Labels:\tapp=nginx\n\tpod-template-hash=${rs2.slice("nginx-deployment-".length)}\n  Annotations:\tkubernetes.io/change-cause: image updated to 1.16.1\n  Containers:\n   nginx:\n    Image:\tnginx:1.16.1\n    Port:\t80/TCP\n`);

    // Rolling back: revision 2 becomes revision 4; then revision 1 becomes 5.
    expect(r.find("kubectl rollout undo deployment/nginx-deployment").stdout).toBe("deployment.apps/nginx-deployment rolled back\n");
    const back = r.find("kubectl describe deployment nginx-deployment").stdout;
    expect(back).toContain("Annotations:            deployment.kubernetes.io/revision: 4\n");
    expect(back).toContain(`NewReplicaSet:   ${rs2} (3/3 replicas created)\n`);
    expect(back).toContain(`Scaled down replica set ${rs3} to 0 from 1\n`);
    expect(r.records.filter((x) => x.command === "kubectl rollout history deployment/nginx-deployment")[1].stdout).toBe(
      "deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         <none>\n3         image updated to 1.161\n4         image updated to 1.16.1\n\n",
    );
    expect(r.find("--to-revision=1").stdout).toBe("deployment.apps/nginx-deployment rolled back\n");
    const final = r.records.at(-2)!.stdout;
    expect(row(final, rs1)).toMatchObject({ DESIRED: "3", CURRENT: "3", READY: "3" });
    expect(r.records.at(-1)!.stdout).toBe("deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n3         image updated to 1.161\n4         image updated to 1.16.1\n5         <none>\n\n");
  });

  it("proportional-scaling: scaling 10 → 15 mid-rollout gives the old ReplicaSet 11 and the new one 7", async () => {
    const r = await replay(dir("proportional-scaling"));
    const before = r.find("kubectl get rs").stdout;
    const [a, b] = names(before);
    const [oldRS, newRS] = row(before, a).READY === "0" ? [b, a] : [a, b];
    expect(row(before, oldRS)).toMatchObject({ DESIRED: "8", CURRENT: "8", READY: "8" });
    expect(row(before, newRS)).toMatchObject({ DESIRED: "5", CURRENT: "5", READY: "0" });
    expect(r.find("kubectl scale").stdout).toBe("deployment.apps/nginx-deployment scaled\n");
    expect(row(r.find("kubectl get deploy", 5).stdout, "nginx-deployment")).toMatchObject({ READY: "11/15", "UP-TO-DATE": "7", AVAILABLE: "11" });
    const after = r.all("kubectl get rs")[1].stdout;
    expect(row(after, oldRS)).toMatchObject({ DESIRED: "11", CURRENT: "11", READY: "11" });
    expect(row(after, newRS)).toMatchObject({ DESIRED: "7", CURRENT: "7", READY: "0" });
    const describe = r.find("kubectl describe").stdout;
    expect(describe).toContain("Replicas:               15 desired | 7 updated | 18 total | 11 available | 7 unavailable\n");
    expect(describe).toContain("RollingUpdateStrategy:  2 max unavailable, 3 max surge\n");
    expect(describe).toContain(`Scaled up replica set ${oldRS} to 11 from 8\n`);
    expect(describe).toContain(`Scaled up replica set ${newRS} to 7 from 5\n`);
  });

  it("pause-resume: changes made while paused roll out together on resume; restart stamps restartedAt", async () => {
    const r = await replay(dir("pause-resume"));
    expect(r.find("kubectl rollout pause").stdout).toBe("deployment.apps/nginx-deployment paused\n");
    expect(r.find("kubectl rollout history").stdout).toBe("deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         <none>\n\n");
    expect(names(r.all("kubectl get rs")[2].stdout)).toHaveLength(1);
    expect(r.find("kubectl set resources").stdout).toBe("deployment.apps/nginx-deployment resource requirements updated\n");
    const paused = r.find("kubectl describe").stdout;
    expect(paused).toContain("Replicas:               3 desired | 0 updated | 3 total | 3 available | 0 unavailable\n");
    expect(paused).toContain("  Progressing    Unknown  DeploymentPaused\n");
    expect(paused).toContain("    Limits:\n      cpu:         200m\n      memory:      512Mi\n");
    expect(r.all("kubectl rollout pause")[1].stderr).toBe('error: deployments.apps "nginx-deployment" is already paused\n');
    expect(r.find("kubectl rollout resume").stdout).toBe("deployment.apps/nginx-deployment resumed\n");
    expect(lines(r.all("kubectl rollout status")[1].stdout).at(-1)).toBe('deployment "nginx-deployment" successfully rolled out');
    expect(r.all("kubectl rollout history")[1].stdout).toBe("deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
    expect(r.find("kubectl rollout restart").stdout).toBe("deployment.apps/nginx-deployment restarted\n");
    expect(r.find("annotations}").stdout).toMatch(/^\{"kubectl\.kubernetes\.io\/restartedAt":"2025-01-01T00:00:\d\dZ"\}$/);
    const last = r.records.at(-1)!.stdout;
    expect(names(last)).toHaveLength(3);
    expect(lines(last).slice(1).filter((l) => /\s3\s+3\s+3\s/.test(l))).toHaveLength(1);
  });

  it("recreate: the old pods are gone before the new ReplicaSet is created", async () => {
    const r = await replay(dir("recreate"));
    const during = r.all("kubectl get rs")[0].stdout;
    expect(names(during)).toHaveLength(1);
    expect(row(during, names(during)[0])).toMatchObject({ DESIRED: "0" });
    expect(row(r.find("kubectl get deployment web").stdout, "web")).toMatchObject({ "UP-TO-DATE": "0" });
    const after = r.all("kubectl get rs")[1].stdout;
    expect(names(after)).toHaveLength(2);
    const describe = r.find("kubectl describe").stdout;
    expect(describe).toContain("StrategyType:       Recreate\n");
    expect(describe).not.toContain("RollingUpdateStrategy");
    const scaling = lines(describe).filter((l) => l.includes("ScalingReplicaSet")).map((l) => l.replace(/^.*deployment-controller {2}/, "").replace(/web-\w+/, "RS"));
    expect(scaling).toEqual(["Scaled up replica set RS to 3", "Scaled down replica set RS to 0 from 3", "Scaled up replica set RS to 3"]);
  });

  it("progress-deadline: a stuck rollout times out with ProgressDeadlineExceeded and rollout status fails", async () => {
    const r = await replay(dir("progress-deadline"));
    const status = r.all("kubectl rollout status")[1];
    expect(status.exitCode).toBe(1);
    expect(status.stderr).toBe('error: deployment "nginx-deployment" exceeded its progress deadline\n');
    const conditions = lines(r.find("-o jsonpath").stdout);
    expect(conditions[0]).toBe("Available=True MinimumReplicasAvailable: Deployment has minimum availability.");
    expect(conditions[1]).toMatch(/^Progressing=False ProgressDeadlineExceeded: ReplicaSet "nginx-deployment-[456789bcdf]+" has timed out progressing\.$/);
    expect(r.find("kubectl describe").stdout).toContain("  Progressing    False   ProgressDeadlineExceeded\n");
    expect(r.find("kubectl rollout undo").stdout).toBe("deployment.apps/nginx-deployment rolled back\n");
    expect(lines(r.records.at(-1)!.stdout)[1]).toMatch(/^Progressing=True NewReplicaSetAvailable: ReplicaSet "nginx-deployment-[456789bcdf]+" has successfully progressed\.$/);
  });

  it("replicaset-frontend: acquisition, self-healing, isolation, scaling, orphaning and adoption", async () => {
    const r = await replay(dir("replicaset-frontend"));
    expect(r.find("kubectl get rs").stdout).toBe("NAME       DESIRED   CURRENT   READY   AGE\nfrontend   3         0         0       0s\n");
    expect(r.all("kubectl get rs")[1].stdout).toBe("NAME       DESIRED   CURRENT   READY   AGE\nfrontend   3         3         3       20s\n");
    const describe = r.find("kubectl describe rs/frontend").stdout;
    expect(describe).toContain("Replicas:     3 current / 3 desired\nPods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed\n");
    expect(lines(describe).filter((l) => /Normal {2}SuccessfulCreate {2}20s {3}replicaset-controller {2}Created pod: frontend-[a-z0-9]{5}$/.test(l))).toHaveLength(3);
    expect(r.find("ownerReferences[0].kind}/").stdout).toBe("ReplicaSet/frontend controller=true blockOwnerDeletion=true\n".repeat(3));
    // pod1 and pod2 match the selector: acquired and deleted as surplus.
    expect(lines(r.find("--field-selector reason=SuccessfulDelete").stdout).slice(1).map((l) => l.replace(/^\S+\s+/, ""))).toEqual([
      "Normal   SuccessfulDelete   replicaset/frontend   Deleted pod: pod1",
      "Normal   SuccessfulDelete   replicaset/frontend   Deleted pod: pod2",
    ]);
    expect(names(r.find("kubectl get pods", 8).stdout).filter((n) => n.startsWith("pod"))).toEqual([]);
    // Deleted pods are replaced at once.
    expect(row(r.find("kubectl get rs frontend").stdout, "frontend")).toMatchObject({ DESIRED: "3", CURRENT: "3", READY: "0" });
    // Relabelled pods are released (no owner) and replaced.
    const labelled = lines(r.find("kubectl get pods -L tier").stdout).slice(1);
    expect(labelled.filter((l) => l.endsWith(" debug"))).toHaveLength(3);
    expect(labelled.filter((l) => l.endsWith(" frontend"))).toHaveLength(3);
    expect(lines(r.find("-l tier=debug").stdout).every((l) => l.endsWith(" owners="))).toBe(true);
    expect(row(r.all("kubectl get rs frontend")[2].stdout, "frontend")).toMatchObject({ DESIRED: "1", CURRENT: "1", READY: "1" });
    // --cascade=orphan keeps the pod; the new ReplicaSet adopts it and adds two.
    const kept = names(r.all("kubectl get pods -l tier=frontend")[0].stdout);
    expect(kept).toHaveLength(1);
    const adopted = names(r.all("kubectl get pods -l tier=frontend")[1].stdout);
    expect(adopted).toHaveLength(3);
    expect(adopted).toContain(kept[0]);
    expect(r.records.at(-1)!.stderr).toBe("No resources found in default namespace.\n");
  });

  it("replication-controller: the documentation's nginx ReplicationController", async () => {
    const r = await replay(dir("replication-controller"));
    const describe = r.find("kubectl describe").stdout;
    expect(describe).toContain("Selector:     app=nginx\nLabels:       app=nginx\n");
    expect(describe).toContain("Replicas:     3 current / 3 desired\nPods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed\n");
    expect(lines(describe).filter((l) => / {2}replication-controller {2}Created pod: nginx-[a-z0-9]{5}$/.test(l))).toHaveLength(3);
    expect(r.find("ownerReferences[0].kind}'").stdout).toBe("ReplicationController ReplicationController ReplicationController");
    expect(r.find("kubectl scale").stdout).toBe("replicationcontroller/nginx scaled\n");
    expect(row(r.find("kubectl get rc nginx").stdout, "nginx")).toMatchObject({ DESIRED: "1", CURRENT: "1", READY: "1" });
    expect(r.find("owners=").stdout).toMatch(/^nginx-[a-z0-9]{5} owners=\n$/);
    expect(row(r.all("kubectl get rc nginx")[1].stdout, "nginx")).toMatchObject({ DESIRED: "3", CURRENT: "3", READY: "3" });
    expect(r.records.at(-1)!.stderr).toBe("No resources found in default namespace.\n");
  });

  it("cascading-deletion: foreground, background and orphan deletion of a Deployment", async () => {
    const r = await replay(dir("cascading-deletion"));
    expect(r.find("finalizers} {.metadata.deletionTimestamp}").stdout).toBe('["foregroundDeletion"] 2025-01-01T00:00:08Z');
    expect(r.find("kubectl get rs -o jsonpath='{.items[*].metadata.finalizers}'").stdout).toBe('["foregroundDeletion"]');
    expect(names(r.find("kubectl get deployments").stdout)).toEqual(["nginx-deployment"]);
    const [foregroundDone, backgroundDone] = r.all("kubectl get deployments,rs,pods");
    expect(foregroundDone.stderr).toBe("No resources found in default namespace.\n");
    expect(r.find("--cascade=background").stdout).toBe('deployment.apps "nginx-deployment" deleted\n');
    expect(r.all("kubectl get deployments")[1].stderr).toBe("No resources found in default namespace.\n");
    expect(backgroundDone.stderr).toBe("No resources found in default namespace.\n");
    expect(r.find("--cascade=orphan").stdout).toBe('deployment.apps "nginx-deployment" deleted\n');
    expect(r.find("owners=").stdout).toMatch(/^nginx-deployment-[456789bcdf]+ owners=\n$/);
    expect(r.find("ownerReferences[0].kind}'").stdout).toBe("ReplicaSet ReplicaSet ReplicaSet");
    // Re-created, the Deployment adopts the ReplicaSet: no new pods, still revision 1.
    expect(lines(r.all("kubectl rollout status").at(-1)!.stdout).at(-1)).toBe('deployment "nginx-deployment" successfully rolled out');
    expect(names(r.records.at(-2)!.stdout)).toHaveLength(1);
    expect(r.records.at(-1)!.stdout).toBe("deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         <none>\n\n");
  });

  it("quota-failed-create: FailedCreate with the quota error and ReplicaFailure carried to the Deployment", async () => {
    const r = await replay(dir("quota-failed-create"));
    const describe = r.find("kubectl describe rs").stdout;
    expect(describe).toContain("Replicas:       2 current / 3 desired\n");
    expect(describe).toContain("  ReplicaFailure   True    FailedCreate\n");
    expect(describe).toMatch(/Warning {2}FailedCreate +10s +replicaset-controller {2}Error creating: pods "nginx-deployment-[456789bcdf]+-[a-z0-9]{5}" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2\n/);
    expect(describe).toMatch(/FailedCreate +\S+ \(x\d+ over \S+\) +replicaset-controller {2}\(combined from similar events\): Error creating: /);
    const conditions = lines(r.find("-o jsonpath").stdout);
    expect(conditions).toContain("Available=False MinimumReplicasUnavailable: Deployment does not have minimum availability.");
    expect(conditions.find((c) => c.startsWith("ReplicaFailure"))).toMatch(/^ReplicaFailure=True FailedCreate: pods "nginx-deployment-\w+-\w{5}" is forbidden: exceeded quota: pod-demo/);
    // Without the quota the ReplicaSet catches up and the failure condition goes.
    expect(row(r.find("kubectl get deployment nginx-deployment", 7).stdout, "nginx-deployment")).toMatchObject({ READY: "3/3" });
    expect(r.records.at(-1)!.stdout).toBe("Available=True MinimumReplicasAvailable\nProgressing=True NewReplicaSetAvailable\n");
  });
});
