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

describe("statefulset scenarios", () => {
  it("web: ordered creation with claims, ordered scaling, a partitioned rolling update", async () => {
    const r = await replay(dir("web"));
    // Two seconds in, only web-0 exists: web-1 waits for it to be Running and Ready.
    expect(rows(r.find("kubectl get pods -l app=nginx").stdout).map((c) => c[0])).toEqual(["web-0"]);
    const wide = rows(r.find("-o wide").stdout);
    expect(wide.map((c) => [c[0], c[1], c[2]])).toEqual([
      ["web-0", "1/1", "Running"],
      ["web-1", "1/1", "Running"],
      ["web-2", "1/1", "Running"],
    ]);
    // Each pod is created a few seconds after the one before it became ready.
    const ages = wide.map((c) => Number(c[4].replace("s", "")));
    expect(ages[0]).toBeGreaterThan(ages[1]);
    expect(ages[1]).toBeGreaterThan(ages[2]);
    const pvcs = rows(r.find("kubectl get pvc").stdout);
    expect(pvcs.map((c) => [c[0], c[1], c[3], c[4], c[5]])).toEqual([
      ["www-web-0", "Bound", "1Gi", "RWO", "standard"],
      ["www-web-1", "Bound", "1Gi", "RWO", "standard"],
      ["www-web-2", "Bound", "1Gi", "RWO", "standard"],
    ]);
    expect(r.find("kubectl get statefulset web").stdout).toMatch(/^NAME {3}READY {3}AGE\nweb {4}3\/3 {5}42s\n$/);
    expect(r.find("kubectl rollout status").stdout).toBe("partitioned roll out complete: 3 new pods have been updated...\n");
    expect(r.find("jsonpath='{.spec.hostname}").stdout).toMatch(/^web-0 nginx \{"app":"nginx","apps.kubernetes.io\/pod-index":"0","controller-revision-hash":"web-[bcdf4-9]+","statefulset.kubernetes.io\/pod-name":"web-0"\}$/);

    const scaled = r.find("--replicas=5");
    expect(scaled.stdout).toBe("statefulset.apps/web scaled\n");
    expect(rows(r.find("kubectl get pods -l app=nginx", r.records.indexOf(scaled) + 1).stdout).map((c) => `${c[0]} ${c[2]}`)).toEqual(["web-0 Running", "web-1 Running", "web-2 Running", "web-3 Running", "web-4 Running"]);

    // Scaling down to 3: web-4 terminates first, web-3 only after web-4 is gone.
    const watch = r.find("--watch").stdout.split("\n");
    const firstTerminating = (pod: string) => watch.findIndex((l) => l.startsWith(`${pod} `) && l.includes("Terminating"));
    expect(firstTerminating("web-4")).toBeGreaterThan(0);
    expect(firstTerminating("web-3")).toBeGreaterThan(firstTerminating("web-4"));
    expect(watch.filter((l) => /^web-3 .*(Completed|Terminating)/.test(l)).length).toBeGreaterThan(0);
    expect(firstTerminating("web-2")).toBe(-1);
    const afterScaleDown = rows(r.find("kubectl get pods -l app=nginx", r.records.indexOf(r.find("--watch")) + 1).stdout);
    expect(afterScaleDown.map((c) => c[0])).toEqual(["web-0", "web-1", "web-2"]);
    // The claims of web-3 and web-4 remain for them to come back to.
    expect(rows(r.all("kubectl get pvc")[1].stdout).map((c) => `${c[0]} ${c[1]}`)).toEqual(["www-web-0 Bound", "www-web-1 Bound", "www-web-2 Bound", "www-web-3 Bound", "www-web-4 Bound"]);

    const [partitioned, all] = r.all("{range .items[*]}").map((x) => x.stdout);
    expect(partitioned).toBe("web-0 registry.k8s.io/nginx-slim:0.21\nweb-1 registry.k8s.io/nginx-slim:0.21\nweb-2 registry.k8s.io/nginx-slim:0.24\n");
    expect(r.all("kubectl rollout status")[1].stdout).toBe("partitioned roll out complete: 1 new pods have been updated...\n");
    const revisions = rows(r.find("kubectl get controllerrevisions").stdout);
    expect(revisions.map((c) => [c[1], c[2]])).toEqual([
      ["statefulset.apps/web", "1"],
      ["statefulset.apps/web", "2"],
    ]);
    expect(all).toBe("web-0 registry.k8s.io/nginx-slim:0.24\nweb-1 registry.k8s.io/nginx-slim:0.24\nweb-2 registry.k8s.io/nginx-slim:0.24\n");

    const describe = r.find("kubectl describe statefulset web").stdout;
    expect(describe).toContain("Replicas:           3 desired | 3 total\n");
    expect(describe).toContain("Update Strategy:    RollingUpdate\n  Partition:        0\n");
    expect(describe).toContain("Pods Status:        3 Running / 0 Waiting / 0 Succeeded / 0 Failed\n");
    expect(describe).toMatch(/Normal {2}SuccessfulCreate {2}\S+ +statefulset-controller {2}create Claim www-web-0 Pod web-0 in StatefulSet web success\n/);
    expect(describe).toMatch(/Normal {2}SuccessfulDelete {2}\S+ +statefulset-controller {2}delete Pod web-4 in StatefulSet web successful\n/);
    // The rolling update replaced web-2, then web-1, then web-0.
    const deletes = describe.split("\n").filter((l) => /delete Pod web-[012] /.test(l)).map((l) => /web-\d/.exec(l)![0]);
    expect(deletes).toEqual(["web-2", "web-1", "web-0"]);
  });

  it("parallel: all pods at once, and all condemned ones deleted at once", async () => {
    const r = await replay(dir("parallel"));
    expect(rows(r.find("kubectl get pods -l app=nginx").stdout).map((c) => `${c[0]} ${c[2]}`)).toEqual(["web-0 ContainerCreating", "web-1 ContainerCreating", "web-2 ContainerCreating"]);
    expect(r.find("kubectl get statefulset web").stdout).toContain("web    3/3     30s\n");
    expect(rows(r.all("kubectl get pods -l app=nginx")[1].stdout).map((c) => c[0])).toEqual(["web-0"]);
    const events = r.find("kubectl get events").stdout;
    expect(events).toMatch(/1s {10}Normal {3}SuccessfulDelete {3}statefulset\/web {3}delete Pod web-1 in StatefulSet web successful\n/);
    expect(events).toMatch(/1s {10}Normal {3}SuccessfulDelete {3}statefulset\/web {3}delete Pod web-2 in StatefulSet web successful\n/);
  });
});
