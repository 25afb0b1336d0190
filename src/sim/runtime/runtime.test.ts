import { describe, expect, it } from "vitest";
import { RUNTIME_DATA } from "./data";
import { Bench } from "./testing/harness";

describe("processes on the virtual clock", () => {
  it("streams each line with its virtual time and exits Completed", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["sh", "-c", "echo hello; sleep 2; echo world"] });
    const t0 = b.now;
    expect(b.logs(id)).toBe("hello\n");
    await b.advance(2_000);
    expect(b.logs(id)).toBe("hello\nworld\n");
    expect(b.runtime.logs(id).map((l) => [l.time - t0, l.stream])).toEqual([
      [0, "stdout"],
      [2000, "stdout"],
    ]);
    expect(b.status(id)).toMatchObject({ state: "exited", exitCode: 0, reason: "Completed" });
  });

  it("streams a loop's output line by line, stderr apart, pipelines and substitutions intact", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["sh", "-c", 'for i in 1 2 3; do echo "tick $i"; echo "warn $i" >&2; sleep 1; done | grep -v 2; x=$(echo sub); echo "x=$x"'] });
    expect(b.logs(id)).toBe("warn 1\n");
    await b.advance(3_000);
    const lines = b.runtime.logs(id).map((l) => `${l.stream}:${l.text}`);
    expect(lines).toEqual(["stderr:warn 1", "stderr:warn 2", "stderr:warn 3", "stdout:tick 1", "stdout:tick 3", "stdout:x=sub"]);
  });

  it("reports a failing command as Error with its exit code", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["sh", "-c", "echo bye >&2; exit 3"] });
    expect(b.status(id)).toMatchObject({ state: "exited", exitCode: 3, reason: "Error" });
    expect(b.exits.map((e) => e.status.reason)).toEqual(["Error"]);
  });

  it("fails to start an executable that is not in PATH with the OCI runtime's message", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["foo"] });
    expect(b.status(id)).toMatchObject({
      state: "exited",
      exitCode: 128,
      reason: "StartError",
      message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown',
    });
  });

  it("exits at once when `sh` has no stdin, as `image: busybox` alone does", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox" });
    expect(b.status(id)).toMatchObject({ state: "exited", exitCode: 0, reason: "Completed" });
    const held = await b.pod({ image: "busybox", stdin: true });
    await b.advance(60_000);
    expect(b.status(held.id).state).toBe("running");
  });

  it("uses the virtual clock for date and the seeded source for $RANDOM", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["sleep", "3600"] });
    await b.advance(90_000);
    const r = await b.sh(id, "date; date -u +%Y-%m-%dT%H:%M:%S; echo $RANDOM $((RANDOM % 1000))");
    const [d1, d2, rnd] = r.stdout.trim().split("\n");
    expect(d1).toMatch(/^Wed Jan {2}1 00:01:3\d UTC 2025$/);
    expect(d2).toMatch(/^2025-01-01T00:01:3\d$/);
    expect(rnd).toMatch(/^\d+ \d+$/);
    const again = new Bench();
    const c2 = await again.pod({ image: "busybox", command: ["sleep", "3600"] });
    await again.advance(90_000);
    expect((await again.sh(c2.id, "echo $RANDOM $((RANDOM % 1000))")).stdout.trim()).toBe(rnd);
  });
});

describe("signals and stopping", () => {
  it("a shell as PID 1 ignores SIGTERM: the grace period runs out and SIGKILL gives 137", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["sh", "-c", "while true; do echo tick; sleep 1; done"] });
    await b.advance(2_500);
    const t = b.now;
    await b.runtime.stopContainer(id, 30_000);
    await b.advance(29_000);
    expect(b.status(id).state).toBe("running");
    await b.advance(1_000);
    const s = b.status(id);
    expect(s).toMatchObject({ state: "exited", exitCode: 137, reason: "Error" });
    expect(s.finishedAt! - t).toBe(30_000);
  });

  it("a trap on TERM runs after the current command and exits with its status", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["sh", "-c", "trap 'echo caught TERM; exit 0' TERM; while true; do sleep 1; done"] });
    await b.advance(2_400);
    const t = b.now;
    await b.runtime.stopContainer(id, 30_000);
    await b.advance(2_000);
    expect(b.status(id)).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect(b.status(id).finishedAt! - t).toBe(600);
    expect(b.logs(id)).toBe("caught TERM\n");
  });

  it("nginx stops gracefully on its stop signal (SIGQUIT) and a Go program as PID 1 exits 2 on SIGTERM", async () => {
    const b = new Bench();
    const web = await b.pod({ image: "nginx" });
    await b.runtime.stopContainer(web.id, 30_000);
    expect(b.status(web.id)).toMatchObject({ state: "exited", exitCode: 0, reason: "Completed" });
    expect(b.logs(web.id)).toMatch(/\[notice\] 1#1: signal 3 \(SIGQUIT\) received, shutting down\n/);
    const echo = await b.pod({ image: "hashicorp/http-echo", args: ["-text=hi"] });
    await b.runtime.stopContainer(echo.id, 30_000);
    expect(b.status(echo.id)).toMatchObject({ exitCode: 2, reason: "Error" });
  });

  it("a process that is not PID 1 dies of an unhandled SIGTERM: 143 (shared PID namespace)", async () => {
    const b = new Bench();
    const s = b.sandbox({ shareProcessNamespace: true });
    const id = await b.run(s.id, { image: "busybox", command: ["sleep", "3600"] });
    await b.runtime.stopContainer(id, 30_000);
    expect(b.status(id)).toMatchObject({ exitCode: 143, reason: "Error" });
  });

  it("bounds a loop that never sleeps and reports it in the log", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["sh", "-c", "echo start; while true; do :; done"] });
    expect(b.status(id)).toMatchObject({ state: "exited", exitCode: RUNTIME_DATA.runawayExitCode, reason: "Error" });
    expect(b.logs(id)).toBe(`start\n${RUNTIME_DATA.runawayMessage}\n`);
    // A loop that sleeps runs for days.
    const tick = await b.pod({ image: "busybox", command: ["sh", "-c", "while true; do sleep 3600; done"] });
    await b.advance(3 * 86_400_000);
    expect(b.status(tick.id).state).toBe("running");
  });
});

describe("memory", () => {
  it("OOMKills a container that allocates above its limit (137) and keeps one within it", async () => {
    const b = new Bench();
    const mi = 1024 * 1024;
    const over = await b.pod({ image: "polinux/stress", command: ["stress"], args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"], memoryLimitBytes: 100 * mi });
    await b.advance(1_000);
    expect(b.status(over.id)).toMatchObject({ state: "exited", exitCode: 137, reason: "OOMKilled" });
    expect(b.logs(over.id)).toBe("stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n");
    const within = await b.pod({ image: "polinux/stress", command: ["stress"], args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"], memoryLimitBytes: 200 * mi });
    await b.advance(1_000);
    const s = b.status(within.id);
    expect(s.state).toBe("running");
    expect(Math.round(s.memoryBytes / mi)).toBe(151);
  });

  it("caps CPU use at the limit (vish/stress -cpus 2 with a 1 CPU limit)", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "vish/stress", args: ["-cpus", "2"], cpuLimitMilli: 1000 });
    expect(b.status(id).cpuMilli).toBe(1000);
  });
});

describe("exec", () => {
  it("runs in the container's filesystem with the image's tools and wording", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600"] });
    expect(await b.exec(id, ["cat", "/tmp/healthy"])).toEqual({ exitCode: 0, stdout: "", stderr: "", timedOut: false });
    await b.advance(31_000);
    expect(await b.exec(id, ["cat", "/tmp/healthy"])).toEqual({ exitCode: 1, stdout: "", stderr: "cat: can't open '/tmp/healthy': No such file or directory\n", timedOut: false });
  });

  it("is stopped by its timeout, and reports an executable it cannot find", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["sleep", "3600"] });
    const t = b.now;
    const r = await b.exec(id, ["sh", "-c", "echo started; sleep 5"], { timeoutMs: 1_000 });
    expect(r).toEqual({ exitCode: 137, stdout: "started\n", stderr: "", timedOut: true });
    expect(b.now - t).toBe(1_000);
    const missing = await b.exec(id, ["nosuch"]);
    expect(missing.startError).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown');
  });

  it("shows the container's processes in ps", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["sh", "-c", "touch /tmp/x; sleep 3600"] });
    expect((await b.exec(id, ["ps"])).stdout).toBe("PID   USER     TIME  COMMAND\n    1 root      0:00 sh -c touch /tmp/x; sleep 3600\n    2 root      0:00 sleep 3600\n    3 root      0:00 ps\n");
  });

  it("lists /pause and the other containers' processes with shareProcessNamespace", async () => {
    const b = new Bench();
    const s = b.sandbox({ shareProcessNamespace: true });
    const web = await b.run(s.id, { name: "nginx", image: "nginx" });
    const shell = await b.run(s.id, { name: "shell", image: "busybox", command: ["sleep", "3600"] });
    const ps = (await b.exec(shell, ["ps", "ax"])).stdout.split("\n");
    expect(ps.slice(0, 3)).toEqual(["PID   USER     TIME  COMMAND", "    1 65535     0:00 /pause", "    2 root      0:00 nginx: master process nginx -g daemon off;"]);
    expect(ps).toContain("    3 101       0:00 nginx: worker process");
    expect(ps).toContain("    7 root      0:00 sleep 3600");
    // Signals reach the other container: SIGHUP makes nginx reload.
    expect((await b.exec(shell, ["kill", "-HUP", "2"])).exitCode).toBe(0);
    await b.advance(1);
    expect(b.logs(web)).toContain("[notice] 2#2: signal 1 (SIGHUP) received, reconfiguring\n");
  });
});

describe("determinism and idle cost", () => {
  async function workload(): Promise<string> {
    const b = new Bench("replay");
    const web = await b.pod({ image: "nginx" });
    const client = await b.pod({ image: "busybox", command: ["sh", "-c", `while true; do wget -qO- http://${web.ip}/ >/dev/null; echo "$(date +%T) $RANDOM"; sleep 7; done`] });
    await b.advance(60_000);
    return JSON.stringify([b.runtime.logs(web.id), b.runtime.logs(client.id), b.now, b.cluster.clock.timersRun]);
  }

  it("gives the same logs and timings byte for byte on a replay", async () => {
    expect(await workload()).toBe(await workload());
  });

  it("spends no timers on idle containers", async () => {
    const b = new Bench();
    await b.pod({ image: "busybox", command: ["sleep", "864000"] });
    await b.pod({ image: "nginx" });
    const before = b.cluster.clock.timersRun;
    await b.advance(86_400_000 - 1);
    expect(b.cluster.clock.timersRun - before).toBe(0);
  });
});
