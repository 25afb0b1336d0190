import { describe, expect, it } from "vitest";
import { memoryFiles } from "../../session/memory-files";
import { makePod, testCluster } from "../../kubelet/testing/make";

const env = { files: memoryFiles({}) };

describe("kubectl logs", () => {
  it("prints a container's log, with --tail, --timestamps and the default-container notice", async () => {
    const t = testCluster({
      setup: (rt) => {
        rt.behaviours.set("app", { logs: ["one", "two", "three"] });
        rt.behaviours.set("side", { logs: ["side says hi"] });
      },
    });
    t.create(makePod("multi", [{ name: "app" }, { name: "side" }]));
    await t.advance(5_000);
    const r = await t.cluster.kubectl(["logs", "multi"], env);
    expect(r).toMatchObject({ exitCode: 0, stdout: "one\ntwo\nthree\n", stderr: 'Defaulted container "app" out of: app, side\n' });
    expect((await t.cluster.kubectl(["logs", "multi", "-c", "side"], env)).stdout).toBe("side says hi\n");
    expect((await t.cluster.kubectl(["logs", "multi", "-c", "app", "--tail=1"], env)).stdout).toBe("three\n");
    expect((await t.cluster.kubectl(["logs", "multi", "-c", "app", "--tail", "1", "--timestamps"], env)).stdout).toMatch(/^2025-01-01T00:00:0\d(\.\d+)?Z three\n$/);
    expect(await t.cluster.kubectl(["logs", "multi", "-c", "nope"], env)).toMatchObject({ exitCode: 1, stderr: "error: container nope is not valid for pod multi\n" });
    expect((await t.cluster.kubectl(["logs", "multi", "--all-containers", "--prefix"], env)).stdout).toBe("[pod/multi/app] one\n[pod/multi/app] two\n[pod/multi/app] three\n[pod/multi/side] side says hi\n");
  });

  it("answers like the kubelet for a waiting container and a missing previous instance", async () => {
    const t = testCluster();
    t.create(makePod("young", [{}]));
    await t.advance(500);
    expect(await t.cluster.kubectl(["logs", "young"], env)).toMatchObject({ exitCode: 1, stderr: 'Error from server (BadRequest): container "young" in pod "young" is waiting to start: ContainerCreating\n' });
    await t.advance(5_000);
    expect(await t.cluster.kubectl(["logs", "young", "--previous"], env)).toMatchObject({ exitCode: 1, stderr: 'Error from server (BadRequest): previous terminated container "young" in pod "young" not found\n' });
    expect(await t.cluster.kubectl(["logs", "missing"], env)).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "missing" not found\n' });
  });

  it("reads the previous instance's log after a restart", async () => {
    const t = testCluster({ setup: (rt) => rt.behaviours.set("crasher", { logs: ["starting", "boom"], exitAfterMs: 1_000, exitCode: 1 }) });
    t.create(makePod("crasher", [{}]));
    await t.advance(6_000);
    const r = await t.cluster.kubectl(["logs", "crasher", "-p"], env);
    expect(r).toMatchObject({ exitCode: 0, stdout: "starting\nboom\n" });
  });

  it("follows a log while the clock runs until the container stops", async () => {
    const t = testCluster({ setup: (rt) => rt.behaviours.set("short", { logs: ["hello"], exitAfterMs: 20_000 }) });
    t.create(makePod("short", [{}], { restartPolicy: "Never" }));
    await t.advance(3_000);
    const before = t.cluster.clock.now;
    const r = await t.cluster.kubectl(["logs", "-f", "short"], env);
    expect(r.stdout).toBe("hello\n");
    expect(t.cluster.clock.now - before).toBeGreaterThanOrEqual(15_000);
    expect(t.cluster.clock.now - before).toBeLessThan(25_000);
  });
});

describe("kubectl exec", () => {
  it("runs a command and reports a non-zero exit as kubectl does", async () => {
    const t = testCluster({ setup: (rt) => rt.behaviours.set("box", { files: { "/usr/share/message": "Hello from the postStart handler\n" } }) });
    t.create(makePod("box", [{}]));
    await t.advance(5_000);
    expect(await t.cluster.kubectl(["exec", "box", "--", "cat", "/usr/share/message"], env)).toMatchObject({ exitCode: 0, stdout: "Hello from the postStart handler\n" });
    expect(await t.cluster.kubectl(["exec", "box", "--", "cat", "/nope"], env)).toMatchObject({ exitCode: 1, stderr: "cat: can't open '/nope': No such file or directory\ncommand terminated with exit code 1\n" });
    expect(await t.cluster.kubectl(["exec", "-it", "box", "cat", "/nope"], env)).toMatchObject({ exitCode: 1, stderr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n" });
  });

  it("refuses a container that is not running", async () => {
    const t = testCluster();
    t.create(makePod("early", [{}]));
    await t.advance(500);
    expect(await t.cluster.kubectl(["exec", "early", "--", "true"], env)).toMatchObject({ exitCode: 1, stderr: 'error: unable to upgrade connection: container not found ("early")\n' });
  });
});
