import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replay } from "../helpers";

const dir = (name: string) => join(__dirname, name);

function column(table: string, row: string, header: string): string {
  const lines = table.split("\n");
  const start = lines[0].indexOf(header);
  const line = lines.find((l) => l.split(/\s+/)[0] === row);
  if (!line) throw new Error(`no row ${row} in:\n${table}`);
  return line.slice(start).split(/\s{2,}/)[0].trim();
}

describe("fault scenarios", () => {
  it("partition: traffic across the cut times out, the node turns NotReady, healing brings it back", async () => {
    const r = await replay(dir("partition"));
    expect(r.find("podlab network partition").stdout).toBe("network partitioned: control-plane, node-1, node-3 | node-2\n");
    const wget = r.find("wget");
    expect(wget.exitCode).toBe(1);
    expect(wget.stderr).toBe("wget: download timed out\ncommand terminated with exit code 1\n");
    const [cut, healed] = r.all("kubectl get nodes");
    expect(column(cut.stdout, "node-2", "STATUS")).toBe("NotReady");
    expect(column(healed.stdout, "node-2", "STATUS")).toBe("Ready");
    const [notReady, ready] = r.all("jsonpath=");
    expect(notReady.stdout).toBe("False");
    expect(ready.stdout).toBe("True");
  });

  it("container-kill: SIGKILL ends the container and the kubelet restarts it", async () => {
    const r = await replay(dir("container-kill"));
    expect(r.find("podlab container kill web").stdout).toBe("container web of pod default/web sent SIGKILL\n");
    expect(column(r.find("kubectl get pod web").stdout, "web", "RESTARTS")).toBe("1 (5s ago)");
    expect(r.find("kubectl describe pod web").stdout).toMatch(/Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}137\n/);
    expect(r.find("-c nope").stderr).toBe("podlab container kill: container nope is not valid for pod web\n");
    expect(r.find("kill ghost").stderr).toBe('podlab container kill: pods "ghost" not found in namespace "default"\n');
  });

  it("probe-fail: a forced readiness failure unreadies the pod, a forced liveness failure restarts it", async () => {
    const r = await replay(dir("probe-fail"));
    const [before, failing, back, restarted] = r.all("kubectl get pod web");
    expect(column(before.stdout, "web", "READY")).toBe("1/1");
    expect(column(failing.stdout, "web", "READY")).toBe("0/1");
    expect(column(failing.stdout, "web", "RESTARTS")).toBe("0");
    expect(column(back.stdout, "web", "READY")).toBe("1/1");
    expect(column(restarted.stdout, "web", "RESTARTS")).toMatch(/^1 \(\d+s ago\)$/);
    expect(r.find("reason=Unhealthy").stdout).toContain("Liveness probe failed: HTTP probe failed with statuscode: 500");
    expect(r.find("--probe=startup").stderr).toBe('podlab probe fail: container "nginx" of pod "web" has no startup probe\n');
    expect(r.find("--probe=sometimes").stderr).toBe('podlab probe fail: invalid --probe "sometimes": give liveness, readiness or startup\n');
  });

  it("registry-outage: ErrImagePull, ImagePullBackOff, then Running once the registry is back", async () => {
    const r = await replay(dir("registry-outage"));
    const [first, second, third] = r.all("kubectl get pod web");
    expect(column(first.stdout, "web", "STATUS")).toBe("ErrImagePull");
    expect(column(second.stdout, "web", "STATUS")).toBe("ImagePullBackOff");
    expect(column(third.stdout, "web", "STATUS")).toBe("Running");
    expect(r.find("reason=Failed").stdout).toContain('Failed to pull image "nginx:1.27": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.27"');
    const [slow, pulled] = r.all("kubectl get pod slow");
    expect(column(slow.stdout, "slow", "STATUS")).toBe("ContainerCreating");
    expect(column(pulled.stdout, "slow", "STATUS")).toBe("Running");
    expect(r.find("podlab registry restore").stdout).toBe("registry restored\n");
  });

  it("reboot: the node's containers die and restart; the kubelet says Rebooted", async () => {
    const r = await replay(dir("reboot"));
    expect(r.find("podlab node restart node-2").stdout).toBe("node/node-2 rebooting (up again in 20s)\n");
    const pods = r.all("kubectl get pods -o wide -l app=web").at(-1)!.stdout;
    const row = pods.split("\n").find((l) => l.includes("node-2"))!;
    expect(row).toMatch(/ 1\/1 +Running +1 \(\d+s ago\) /);
    const events = r.find("involvedObject.name=node-2").stdout;
    expect(events).toMatch(/Warning +Rebooted +node\/node-2 +Node node-2 has been rebooted, boot id: [0-9a-f-]{36}\n/);
    expect(events).toContain("Starting kubelet.");
  });
});
