import { describe, expect, it } from "vitest";
import { kubectlKit } from "./testkit";

describe("kubectl wait", () => {
  it("reports a condition that already holds without moving the clock", async () => {
    const k = kubectlKit();
    expect(await k.run("wait --for=condition=Ready node/node-1")).toEqual({ exitCode: 0, stdout: "node/node-1 condition met\n", stderr: "" });
    expect((await k.run("wait --for=condition=ready=TRUE nodes --all")).stdout).toBe(
      "node/control-plane condition met\nnode/node-1 condition met\nnode/node-2 condition met\nnode/node-3 condition met\n",
    );
    expect(k.cluster.clock.now).toBe(0);
  });

  it("advances virtual time until the condition holds", async () => {
    const k = kubectlKit();
    await k.run("create cm c");
    k.cluster.clock.after(4_000, () => {
      k.cluster.api.mutate("ConfigMap", "default", "c", { actor: "test" }, (cm) => {
        cm.metadata.labels = { phase: "done" };
      });
    });
    const r = await k.run("wait --for=jsonpath={.metadata.labels.phase}=done configmap/c");
    expect(r).toEqual({ exitCode: 0, stdout: "configmap/c condition met\n", stderr: "" });
    expect(k.cluster.clock.now).toBe(4_000);
  });

  it("times out after --timeout (30s by default) with kubectl's message", async () => {
    const k = kubectlKit();
    await k.run("create cm c");
    const r = await k.run("wait --for=condition=Ready cm/c");
    expect(r).toEqual({ exitCode: 1, stdout: "", stderr: "error: timed out waiting for the condition on configmaps/c\n" });
    expect(k.cluster.clock.now).toBe(30_000);
    expect((await k.run("wait --for=condition=Ready cm/c --timeout=5s")).stderr).toBe("error: timed out waiting for the condition on configmaps/c\n");
    expect(k.cluster.clock.now).toBe(35_000);
    expect((await k.run("wait --for=condition=Ready cm/c --timeout=0")).stderr).toBe("error: condition not met for configmaps/c\n");
  });

  it("waits for deletion, ignoring objects already gone", async () => {
    const k = kubectlKit();
    k.cluster.api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default", finalizers: ["example.com/x"] } }, { actor: "test" });
    await k.run("delete cm c --wait=false");
    k.cluster.clock.after(2_500, () => {
      k.cluster.api.mutate("ConfigMap", "default", "c", { actor: "test" }, (cm) => {
        cm.metadata.finalizers = [];
      });
    });
    expect(await k.run("wait --for=delete cm/c --timeout=60s")).toEqual({ exitCode: 0, stdout: "configmap/c condition met\n", stderr: "" });
    expect(k.cluster.clock.now).toBe(2_500);
    expect(await k.run("wait --for=delete cm/c")).toEqual({ exitCode: 0, stdout: "", stderr: "" });
  });

  it("checks jsonpath values and shapes as kubectl does", async () => {
    const k = kubectlKit();
    expect((await k.run("wait --for=jsonpath={.status.nodeInfo.architecture}=amd64 node/node-1")).stdout).toBe("node/node-1 condition met\n");
    expect((await k.run("wait --for=jsonpath=.metadata.name node/node-1")).stdout).toBe("node/node-1 condition met\n");
    expect((await k.run("wait --for=jsonpath={.status.conditions} node/node-1")).stdout).toBe("node/node-1 condition met\n");
    expect((await k.run("wait --for=jsonpath={.status.conditions}=x node/node-1 --timeout=1s")).stderr).toBe("error: jsonpath leads to a nested object or list which is not supported\n");
    expect((await k.run("wait --for=jsonpath={.metadata.name}= node/node-1")).stderr).toBe(
      "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n",
    );
  });

  it("rejects what kubectl rejects", async () => {
    const k = kubectlKit();
    expect((await k.run("wait --for=ready pod/x")).stderr).toBe('error: unrecognized condition: "ready"\n');
    expect((await k.run("wait --for=condition=Ready pod/x")).stderr).toBe('Error from server (NotFound): pods "x" not found\n');
    expect((await k.run("wait --for=condition=Ready pods -l app=none")).stderr).toBe("error: no matching resources found\n");
  });

  it("steps time a second at a time for a pacing host, and stops on Ctrl+C", async () => {
    const k = kubectlKit();
    await k.run("create cm c");
    let ticks = 0;
    const signal = { stopped: false, tick: async () => void ticks++ };
    const files = { readFile: () => undefined, listDir: () => undefined };
    const r = await k.cluster.kubectl(["wait", "--for=condition=Ready", "cm/c", "--timeout=5s"], { files, signal });
    expect(r.stderr).toBe("error: timed out waiting for the condition on configmaps/c\n");
    expect(ticks).toBe(5);
    const interrupt = {
      stopped: false,
      tick: async () => {
        if (++ticks >= 7) interrupt.stopped = true;
      },
    };
    const stopped = await k.cluster.kubectl(["wait", "--for=condition=Ready", "cm/c"], { files, signal: interrupt });
    expect(stopped).toEqual({ exitCode: 130, stdout: "", stderr: "" });
    expect(k.cluster.clock.now).toBe(7_000);
  });
});
