import { describe, expect, it } from "vitest";
import type { DeleteOptions } from "../../api/server";
import { configMapYaml, kubectlKit, podYaml } from "./testkit";

/** A ConfigMap held back by a finalizer that a "controller" removes `afterMs` later. */
function heldConfigMap(k: ReturnType<typeof kubectlKit>, name: string, afterMs: number): void {
  k.cluster.api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default", finalizers: ["example.com/hold"] } }, { actor: "test" });
  k.cluster.api.watch("ConfigMap", (e) => {
    if (e.type === "MODIFIED" && e.object.metadata.name === name && e.object.metadata.deletionTimestamp && !e.old?.metadata.deletionTimestamp) {
      k.cluster.clock.after(afterMs, () => {
        k.cluster.api.mutate("ConfigMap", "default", name, { actor: "test-controller" }, (cm) => {
          cm.metadata.finalizers = [];
        });
      });
    }
  });
}

describe("kubectl delete", () => {
  it("deletes by TYPE NAME, TYPE/NAME and file, in kubectl's words", async () => {
    const k = kubectlKit({ "pod.yaml": podYaml("web") });
    await k.run("create configmap a --from-literal=x=1");
    await k.run("create configmap b --from-literal=x=1");
    await k.run("apply -f pod.yaml");
    expect((await k.run("delete configmap a")).stdout).toBe('configmap "a" deleted\n');
    expect((await k.run("delete cm/b")).stdout).toBe('configmap "b" deleted\n');
    expect((await k.run("delete -f pod.yaml")).stdout).toBe('pod "web" deleted\n');
  });

  it("reports NotFound, honours --ignore-not-found and says when nothing matched", async () => {
    const k = kubectlKit({ "pod.yaml": podYaml("web") });
    expect(await k.run("delete pod ghost")).toEqual({ exitCode: 1, stdout: "", stderr: 'Error from server (NotFound): pods "ghost" not found\n' });
    expect((await k.run("delete -f pod.yaml")).stderr).toBe('Error from server (NotFound): error when deleting "pod.yaml": pods "web" not found\n');
    expect(await k.run("delete pod ghost --ignore-not-found")).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    expect(await k.run("delete pods --all")).toEqual({ exitCode: 0, stdout: "No resources found\n", stderr: "" });
    expect(await k.run("delete pods -l app=x")).toEqual({ exitCode: 0, stdout: "No resources found\n", stderr: "" });
  });

  it("selects with -l, --all and -A", async () => {
    const k = kubectlKit({ "cms.yaml": [configMapYaml("a", { k: "v" }), configMapYaml("b", { k: "v" }), configMapYaml("c", { k: "v" }, "kube-public")].join("---\n") });
    await k.run("apply -f cms.yaml");
    await k.run("label cm a tier=x");
    expect((await k.run("delete cm -l tier=x")).stdout).toBe('configmap "a" deleted\n');
    expect((await k.run("delete cm --all")).stdout).toBe('configmap "b" deleted\n');
    expect((await k.run("delete cm --all -A")).stdout).toBe('configmap "c" deleted\n');
    expect((await k.run("delete cm -A")).stderr).toBe("error: resource(s) were provided, but no name was specified\n");
    expect((await k.run("delete cm x -A")).stderr).toBe("error: a resource cannot be retrieved by name across all namespaces\n");
    expect((await k.run("delete")).stderr).toMatch(/^error: You must provide one or more resources by argument or filename\.\n/);
    expect((await k.run("delete cm --all -l a=b")).stderr).toBe("error: cannot set --all and --selector at the same time\n");
  });

  it("waits for the object to be gone, advancing the virtual clock", async () => {
    const k = kubectlKit();
    heldConfigMap(k, "slow", 7_000);
    const start = k.cluster.clock.now;
    const r = await k.run("delete cm slow");
    expect(r).toEqual({ exitCode: 0, stdout: 'configmap "slow" deleted\n', stderr: "" });
    expect(k.cluster.clock.now - start).toBe(7_000);
    expect(k.cluster.api.tryGet("ConfigMap", "default", "slow")).toBeUndefined();
  });

  it("does not wait with --wait=false, and gives up at --timeout", async () => {
    const k = kubectlKit();
    heldConfigMap(k, "slow", 60_000);
    expect((await k.run("delete cm slow --wait=false")).stdout).toBe('configmap "slow" deleted\n');
    expect(k.cluster.clock.now).toBe(0);
    expect(k.cluster.api.get("ConfigMap", "default", "slow").metadata.deletionTimestamp).toBeDefined();
    const k2 = kubectlKit();
    heldConfigMap(k2, "slow", 60_000);
    const r = await k2.run("delete cm slow --timeout=10s");
    expect(r).toEqual({ exitCode: 1, stdout: 'configmap "slow" deleted\n', stderr: "error: timed out waiting for the condition on configmaps/slow\n" });
    expect(k2.cluster.clock.now).toBe(10_000);
  });

  it("caps an unbounded wait with the simulation's timing", async () => {
    const k = kubectlKit({}, { timings: { kubectlDeleteWaitCap: 20_000 } });
    k.cluster.api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "stuck", namespace: "default", finalizers: ["example.com/never"] } }, { actor: "test" });
    const r = await k.run("delete cm stuck");
    expect(r.stderr).toBe("error: timed out waiting for the condition on configmaps/stuck\n");
    expect(k.cluster.clock.now).toBe(20_000);
  });

  it("passes --grace-period, --now, --force and --cascade to the API", async () => {
    const k = kubectlKit();
    const seen: DeleteOptions[] = [];
    k.cluster.api.registerGracefulDeletion("ConfigMap", (_obj, opts) => {
      seen.push(opts);
      return undefined;
    });
    for (const n of ["a", "b", "c", "d", "e"]) await k.run(`create cm ${n}`);
    await k.run("delete cm a --grace-period=5");
    await k.run("delete cm b --now");
    const forced = await k.run("delete cm c --force");
    expect(forced.stdout).toBe('configmap "c" force deleted\n');
    expect(forced.stderr).toBe(
      "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n",
    );
    await k.run("delete cm d --cascade=orphan --wait=false");
    await k.run("delete cm e --grace-period=0");
    expect(seen.map((o) => [o.gracePeriodSeconds, o.propagationPolicy])).toEqual([
      [5, "Background"],
      [1, "Background"],
      [0, "Background"],
      [undefined, "Orphan"],
      [1, "Background"],
    ]);
    expect(k.cluster.api.get("ConfigMap", "default", "d").metadata.finalizers).toEqual(["orphan"]);
    expect((await k.run("delete cm x --force --grace-period=3")).stderr).toBe("error: --force and --grace-period greater than 0 cannot be specified together\n");
    expect((await k.run("delete cm x --now --grace-period=3")).stderr).toBe("error: --now and --grace-period cannot be specified together\n");
    expect((await k.run("delete cm x --cascade=maybe")).stderr).toBe('error: invalid cascade value (maybe). Must be "background", "foreground", or "orphan".\n');
  });

  it("prints -o name, dry runs, and warns about cluster-scoped objects under -n", async () => {
    const k = kubectlKit();
    await k.run("create ns team");
    await k.run("create cm a");
    expect((await k.run("delete cm a -o name --dry-run=client")).stdout).toBe("configmap/a\n");
    expect((await k.run("delete cm a --dry-run=server")).stdout).toBe('configmap "a" deleted (server dry run)\n');
    expect(k.cluster.api.tryGet("ConfigMap", "default", "a")).toBeDefined();
    const r = await k.run("delete ns team -n default --wait=false");
    expect(r.stderr).toBe("Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n");
    expect(r.stdout).toBe('namespace "team" deleted\n');
    expect((await k.run("delete cm a -o wide")).stderr).toBe("error: unexpected -o output mode: wide. We only support '-o name'\n");
  });
});
