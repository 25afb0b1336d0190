import { describe, expect, it } from "vitest";
import { kubectlKit, podYaml } from "./testkit";

describe("kubectl label", () => {
  it("labels, refuses to overwrite without --overwrite, and removes", async () => {
    const k = kubectlKit({ "pod.yaml": podYaml("nginx") });
    await k.run("apply -f pod.yaml");
    expect(await k.run("label pod nginx tier=web")).toEqual({ exitCode: 0, stdout: "pod/nginx labeled\n", stderr: "" });
    expect(await k.run("label pod nginx app=other")).toEqual({ exitCode: 1, stdout: "", stderr: "error: 'app' already has a value (nginx), and --overwrite is false\n" });
    expect((await k.run("label pod nginx app=other --overwrite")).stdout).toBe("pod/nginx labeled\n");
    expect((await k.run("label pod nginx tier=web")).stderr).toBe("error: 'tier' already has a value (web), and --overwrite is false\n");
    expect((await k.run("label pod nginx tier=web --overwrite")).stdout).toBe("pod/nginx not labeled\n");
    expect((await k.run("label pod nginx tier-")).stdout).toBe("pod/nginx unlabeled\n");
    expect(k.cluster.api.get("Pod", "default", "nginx").metadata.labels).toEqual({ app: "other" });
    expect((await k.run("label pod nginx missing-")).stdout).toBe('label "missing" not found.\npod/nginx not labeled\n');
  });

  it("prints every conflicting key on its own line", async () => {
    const k = kubectlKit();
    await k.run("create cm c");
    await k.run("label cm c a=1 b=2");
    expect((await k.run("label cm c a=3 b=4")).stderr).toBe("'a' already has a value (1), and --overwrite is false\n'b' already has a value (2), and --overwrite is false\n");
  });

  it("selects with -l, --all and -A, and lists labels", async () => {
    const k = kubectlKit();
    await k.run("create cm a");
    await k.run("create cm b");
    await k.run("create cm c -n kube-public");
    expect((await k.run("label cm --all team=x")).stdout).toBe("configmap/a labeled\nconfigmap/b labeled\n");
    expect((await k.run("label cm -l team=x env=dev")).stdout).toBe("configmap/a labeled\nconfigmap/b labeled\n");
    expect((await k.run("label cm --all -A audited=yes")).stdout).toBe("configmap/a labeled\nconfigmap/b labeled\nconfigmap/c labeled\n");
    expect((await k.run("label cm a --list")).stdout).toBe("audited=yes\nenv=dev\nteam=x\n");
    expect((await k.run("label cm -l env=dev --list")).stdout).toBe(
      "Listing labels for ConfigMap./a:\n audited=yes\n env=dev\n team=x\nListing labels for ConfigMap./b:\n audited=yes\n env=dev\n team=x\n",
    );
  });

  it("validates its arguments as kubectl does", async () => {
    const k = kubectlKit();
    await k.run("create cm a");
    expect((await k.run("label cm a")).stderr).toBe("error: at least one label update is required\n");
    expect((await k.run("label app=x")).stderr).toBe("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
    expect((await k.run("label cm a x=1 b")).stderr).toBe("error: all resources must be specified before label changes: b\n");
    expect((await k.run("label cm a x=1 x-")).stderr).toBe("error: can not both modify and remove a label in the same command\n");
    expect((await k.run("label cm a x=a=b")).stderr).toBe("error: invalid label spec: x=a=b\n");
    expect((await k.run("label cm a x=-bad")).stderr).toMatch(/^error: invalid label value: "x=-bad": a valid label must be an empty string/);
    expect((await k.run("label cm ghost x=1")).stderr).toBe('Error from server (NotFound): configmaps "ghost" not found\n');
    expect((await k.run("label cm a x=1 --dry-run=client")).stdout).toBe("configmap/a labeled (dry run)\n");
    expect(k.cluster.api.get("ConfigMap", "default", "a").metadata.labels).toBeUndefined();
  });
});
