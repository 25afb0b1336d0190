import { describe, expect, it } from "vitest";
import { Bench } from "../testing/harness";

describe("shell built-ins and tools the runtime provides", () => {
  it("runs `&` jobs as processes of their own and `wait`s for them", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["sh", "-c", "(sleep 2; echo bg done) & echo started; wait; echo all done"] });
    expect(b.logs(id)).toBe("started\n");
    await b.advance(2_000);
    expect(b.logs(id)).toBe("started\nbg done\nall done\n");
    expect(b.status(id).reason).toBe("Completed");
  });

  it("kill ends a shell's child and the shell sees 143", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["sh", "-c", "sleep 1000; echo sleep ended with $?"] });
    expect(await b.exec(id, ["kill", "99"])).toMatchObject({ exitCode: 1, stderr: "kill: can't kill pid 99: No such process\n" });
    expect((await b.exec(id, ["kill", "2"])).exitCode).toBe(0);
    await b.advance(1);
    expect(b.logs(id)).toBe("sleep ended with 143\n");
  });

  it("timeout stops a command, date formats virtual time, uname and hostname describe the pod", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["sleep", "3600"] }, { name: "web-0" });
    expect((await b.sh(id, "timeout 1 sleep 5; echo status=$?")).stdout).toBe("status=143\n");
    expect((await b.sh(id, "date -d @0 '+%Y-%m-%d %H:%M:%S'; hostname; uname -sr")).stdout).toBe("1970-01-01 00:00:00\nweb-0\nLinux 6.1.0-28-amd64\n");
    expect((await b.exec(id, ["id"])).stdout).toBe("uid=0(root) gid=0(root) groups=0(root),10(wheel)\n");
  });

  it("speaks GNU on Debian images: ls -l, dash's errors, and apt-get installs tools", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "nginx" });
    expect((await b.exec(id, ["ls", "-l", "/usr/share/nginx/html"])).stdout).toBe("total 8\n-rw-r--r-- 1 root root 497 Jan  1 00:00 50x.html\n-rw-r--r-- 1 root root 615 Jan  1 00:00 index.html\n");
    expect((await b.sh(id, "foo")).stderr).toBe("sh: 1: foo: not found\n");
    expect((await b.exec(id, ["ps"])).startError).toContain('exec: "ps": executable file not found in $PATH');
    expect((await b.sh(id, "apt-get install -y procps")).stderr).toBe("E: Unable to locate package procps\n");
    expect((await b.sh(id, "apt-get install -y curl")).stdout).toContain("curl is already the newest version (7.88.1-10+deb12u8).\n");
    const r = await b.sh(id, "apt-get update > /dev/null && apt-get install -y procps > /dev/null && ps");
    expect(r.stdout.split("\n")[0]).toBe("    PID TTY          TIME CMD");
  });

  it("prints the exported environment as env does", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["sleep", "3600"], env: { GREETING: "hello" } }, { name: "envar-demo" });
    expect((await b.exec(id, ["env"])).stdout).toBe("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=envar-demo\nGREETING=hello\nHOME=/root\nPWD=/\n");
    expect((await b.exec(id, ["printenv", "GREETING"])).stdout).toBe("hello\n");
  });

  it("nslookup waits for a nameserver that nobody answers on", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "busybox", command: ["sleep", "3600"] });
    const t = b.now;
    expect(await b.exec(id, ["nslookup", "kubernetes.default"])).toMatchObject({ exitCode: 1, stdout: ";; connection timed out; no servers could be reached\n\n" });
    expect(b.now - t).toBe(10_000);
  });
});
