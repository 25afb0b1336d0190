import { describe, expect, it } from "vitest";
import { kubectlKit } from "./testkit";

describe("kubectl cordon / uncordon", () => {
  it("cordons and uncordons, saying when nothing changes", async () => {
    const k = kubectlKit();
    expect(await k.run("cordon node-1")).toEqual({ exitCode: 0, stdout: "node/node-1 cordoned\n", stderr: "" });
    expect(k.cluster.api.get("Node", undefined, "node-1").spec.unschedulable).toBe(true);
    expect((await k.run("cordon node-1")).stdout).toBe("node/node-1 already cordoned\n");
    expect((await k.run("uncordon node-1")).stdout).toBe("node/node-1 uncordoned\n");
    expect(k.cluster.api.get("Node", undefined, "node-1").spec.unschedulable).toBeUndefined();
    expect((await k.run("uncordon node-1")).stdout).toBe("node/node-1 already uncordoned\n");
  });

  it("selects nodes with -l, dry runs, and reports errors", async () => {
    const k = kubectlKit();
    expect((await k.run("cordon -l kubernetes.io/hostname=node-2 --dry-run=client")).stdout).toBe("node/node-2 cordoned (dry run)\n");
    expect(k.cluster.api.get("Node", undefined, "node-2").spec.unschedulable).toBeUndefined();
    expect((await k.run("cordon")).stderr).toBe("error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n");
    expect((await k.run("cordon ghost")).stderr).toBe('Error from server (NotFound): nodes "ghost" not found\n');
  });
});
