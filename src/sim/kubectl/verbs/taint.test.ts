import { describe, expect, it } from "vitest";
import { kubectlKit } from "./testkit";

describe("kubectl taint", () => {
  it("taints, refuses duplicates, overwrites and untaints", async () => {
    const k = kubectlKit();
    expect(await k.run("taint nodes node-1 dedicated=gpu:NoSchedule")).toEqual({ exitCode: 0, stdout: "node/node-1 tainted\n", stderr: "" });
    expect(k.cluster.api.get("Node", undefined, "node-1").spec.taints).toEqual([{ key: "dedicated", value: "gpu", effect: "NoSchedule" }]);
    expect((await k.run("taint nodes node-1 dedicated=cpu:NoSchedule")).stderr).toBe("error: node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n");
    expect((await k.run("taint node node-1 dedicated=cpu:NoSchedule --overwrite")).stdout).toBe("node/node-1 modified\n");
    expect((await k.run("taint no node-1 spot:PreferNoSchedule")).stdout).toBe("node/node-1 tainted\n");
    expect((await k.run("taint nodes node-1 dedicated:NoSchedule-")).stdout).toBe("node/node-1 untainted\n");
    expect((await k.run("taint nodes node-1 spot-")).stdout).toBe("node/node-1 untainted\n");
    expect(k.cluster.api.get("Node", undefined, "node-1").spec.taints).toBeUndefined();
    expect((await k.run("taint nodes node-1 spot-")).stderr).toBe('error: taint "spot" not found\n');
  });

  it("taints every node with --all or -l", async () => {
    const k = kubectlKit();
    expect((await k.run("taint nodes --all maintenance=true:NoExecute")).stdout).toBe(
      "node/control-plane tainted\nnode/node-1 tainted\nnode/node-2 tainted\nnode/node-3 tainted\n",
    );
    expect((await k.run("taint nodes -l kubernetes.io/hostname=node-2 maintenance:NoExecute-")).stdout).toBe("node/node-2 untainted\n");
  });

  it("rejects bad specs and non-node resources with kubectl's words", async () => {
    const k = kubectlKit();
    expect((await k.run("taint nodes node-1 key=value:Sometimes")).stderr).toBe("error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n");
    expect((await k.run("taint nodes node-1 key=value")).stderr).toBe(
      "error: invalid taint spec: key=value, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\nSee 'kubectl taint -h' for help and examples\n",
    );
    expect((await k.run("taint nodes node-1 key:NoSchedule:x")).stderr).toBe("error: invalid taint spec: key:NoSchedule:x\nSee 'kubectl taint -h' for help and examples\n");
    expect((await k.run("taint pods x a=b:NoSchedule")).stderr).toBe("error: invalid resource type pods, only node types are supported\n");
    expect((await k.run("taint nodes a=b:NoSchedule")).stderr).toBe("error: at least one resource name must be specified since 'all' parameter is not set\n");
    expect((await k.run("taint nodes node-1")).stderr).toBe("error: at least one taint update is required\n");
    expect((await k.run("taint nodes ghost a=b:NoSchedule")).stderr).toBe('Error from server (NotFound): nodes "ghost" not found\n');
  });
});
