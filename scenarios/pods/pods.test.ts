import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replay } from "../helpers";

/** The value of `column` in the row whose first cell is `row`, read by the header's column offsets. */
function cell(table: string, row: string, column: string): string {
  const lines = table.split("\n").filter((l) => l.length > 0);
  const header = lines[0];
  const start = header.indexOf(column);
  if (start < 0) throw new Error(`no column ${column} in: ${header}`);
  const next = header.slice(start + column.length).search(/\S/);
  const end = next < 0 ? undefined : start + column.length + next;
  const line = lines.find((l) => l.split(/\s+/)[0] === row);
  if (!line) throw new Error(`no row ${row} in:\n${table}`);
  return line.slice(start, end).trim();
}

/** The event lines of `kubectl describe`, without their Age column. */
function events(describe: string): string[] {
  const at = describe.indexOf("Events:");
  return describe
    .slice(at)
    .split("\n")
    .slice(3)
    .filter((l) => l.trim())
    .map((l) => l.trim().replace(/^(Normal|Warning)\s+(\S+)\s+\S+(?: \(x\d+ over \S+\))?\s+(\S+)\s+/, "$1 $2 $3 "));
}

const dir = (name: string) => join(__dirname, name);

/** The STATUS column of each row a watch printed, repeats folded (kubectl -w does not re-align its columns). */
function watchedStatuses(stdout: string): string[] {
  const out: string[] = [];
  for (const line of stdout.split("\n").slice(1)) {
    const status = line.trim().split(/\s+/)[2];
    if (status && out.at(-1) !== status) out.push(status);
  }
  return out;
}

describe("pod scenarios", () => {
  it("javaweb: the init container copies the WAR into the emptyDir Tomcat serves", async () => {
    const r = await replay(dir("javaweb"));
    expect(watchedStatuses(r.find("kubectl get pod javaweb-2 --watch").stdout)).toEqual(["Pending", "Init:0/1", "PodInitializing", "Running"]);
    const wide = r.find("kubectl get pod javaweb-2 -o wide").stdout;
    expect(cell(wide, "javaweb-2", "READY")).toBe("1/1");
    expect(cell(wide, "javaweb-2", "STATUS")).toBe("Running");
    const d = r.find("kubectl describe pod javaweb-2").stdout;
    expect(d).toMatch(/Init Containers:\n {2}war:\n[\s\S]*State: {10}Terminated\n {6}Reason: {7}Completed\n {6}Exit Code: {4}0/);
    expect(events(d)).toEqual([
      "Normal Scheduled default-scheduler Successfully assigned default/javaweb-2 to node-1",
      'Normal Pulling kubelet Pulling image "geektime/sample:v2"',
      expect.stringMatching(/^Normal Pulled kubelet Successfully pulled image "geektime\/sample:v2" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/),
      "Normal Created kubelet Created container war",
      "Normal Started kubelet Started container war",
      'Normal Pulling kubelet Pulling image "geektime/tomcat:7.0"',
      expect.stringMatching(/^Normal Pulled kubelet Successfully pulled image "geektime\/tomcat:7.0"/),
      "Normal Created kubelet Created container tomcat",
      "Normal Started kubelet Started container tomcat",
    ]);
    expect(r.find("-- ls /root/apache-tomcat-7.0.42-v2/webapps").stdout.split("\n")).toContain("sample.war");
  });

  it("lifecycle-demo: the postStart message is readable with exec; preStop lets nginx quit", async () => {
    const r = await replay(dir("lifecycle-demo"));
    expect(cell(r.find("kubectl get pod lifecycle-demo").stdout, "lifecycle-demo", "STATUS")).toBe("Running");
    expect(r.find("kubectl exec lifecycle-demo").stdout).toBe("Hello from the postStart handler\n");
    expect(r.find("kubectl delete pod").stdout).toBe('pod "lifecycle-demo" deleted\n');
    expect(r.find("kubectl get pods").stderr).toBe("No resources found in default namespace.\n");
  });

  it("liveness-exec: three failed probes, Killing, and RESTARTS 1 about 75 s in", async () => {
    const r = await replay(dir("liveness-exec"));
    const [early, late] = r.all("kubectl get pods");
    expect(cell(early.stdout, "test-liveness-exec", "RESTARTS")).toBe("0");
    const ev = events(r.find("kubectl describe pod").stdout);
    expect(ev).toContain("Warning Unhealthy kubelet Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(ev).toContain("Normal Killing kubelet Container liveness failed liveness probe, will be restarted");
    expect(r.find("kubectl describe pod").stdout).toMatch(/Unhealthy {2}\d+s \(x3 over \d+s\)/);
    expect(cell(late.stdout, "test-liveness-exec", "STATUS")).toBe("Running");
    expect(cell(late.stdout, "test-liveness-exec", "RESTARTS")).toMatch(/^1 \(\d+s ago\)$/);
  });

  it("liveness-http: /healthz turns 500 after ten seconds and the container is restarted", async () => {
    const r = await replay(dir("liveness-http"));
    const ev = events(r.find("kubectl describe pod liveness-http").stdout);
    expect(ev).toContain("Warning Unhealthy kubelet Liveness probe failed: HTTP probe failed with statuscode: 500");
    expect(ev).toContain("Normal Killing kubelet Container liveness failed liveness probe, will be restarted");
    expect(Number(cell(r.find("kubectl get pod liveness-http").stdout, "liveness-http", "RESTARTS").split(" ")[0])).toBeGreaterThanOrEqual(1);
  });

  it("tcp-probes: goproxy becomes Ready once Tomcat accepts connections and is never restarted", async () => {
    const r = await replay(dir("tcp-probes"));
    const [early, late] = r.all("kubectl get pod goproxy");
    expect(cell(early.stdout, "goproxy", "READY")).toBe("0/1");
    expect(cell(late.stdout, "goproxy", "READY")).toBe("1/1");
    expect(cell(late.stdout, "goproxy", "RESTARTS")).toBe("0");
    expect(r.find("kubectl describe pod goproxy").stdout).toContain("Readiness:      tcp-socket :8080 delay=5s timeout=1s period=10s #success=1 #failure=3");
  });

  it("memory-limits: within the limit runs, over it is OOMKilled and backs off, 1000Gi stays Pending", async () => {
    const r = await replay(dir("memory-limits"));
    const [early, late] = r.all("kubectl get pod");
    expect(cell(early.stdout, "memory-demo", "STATUS")).toBe("Running");
    expect(cell(early.stdout, "memory-demo-2", "STATUS")).toBe("OOMKilled");
    expect(cell(early.stdout, "memory-demo-2", "RESTARTS")).toMatch(/^1 \(\d+s ago\)$/);
    expect(cell(early.stdout, "memory-demo-3", "STATUS")).toBe("Pending");
    expect(cell(late.stdout, "memory-demo-2", "STATUS")).toBe("CrashLoopBackOff");
    const d2 = r.find("kubectl describe pod memory-demo-2").stdout;
    expect(d2).toMatch(/Last State: {5}Terminated\n {6}Reason: {7}OOMKilled\n {6}Exit Code: {4}137/);
    expect(events(d2)).toContainEqual(expect.stringMatching(/^Warning BackOff kubelet Back-off restarting failed container memory-demo-2-ctr in pod memory-demo-2_default\(.+\)$/));
    expect(r.find("kubectl describe pod memory-demo-3").stdout).toContain("3 Insufficient memory");
  });

  it("init-demo: the init container's download is what nginx serves", async () => {
    const r = await replay(dir("init-demo"));
    expect(watchedStatuses(r.find("kubectl get pod init-demo --watch").stdout)).toEqual(["Pending", "Init:0/1", "PodInitializing", "Running"]);
    const later = r.all("kubectl get pod init-demo").at(-1)!;
    expect(cell(later.stdout, "init-demo", "STATUS")).toBe("Running");
    expect(r.find("kubectl logs init-demo -c install").stdout).toContain("saving to '/work-dir/index.html'");
    expect(r.find("cat /etc/resolv.conf").stdout).toMatch(/^nameserver 172\.18\.0\.1\n/);
    expect(r.find("curl -s localhost").stdout).toContain("Production-Grade Container Orchestration");
  });

  it("nginx-flask: two containers share the pod IP and talk over localhost", async () => {
    const r = await replay(dir("nginx-flask"));
    const wide = r.find("kubectl get pod -o wide").stdout;
    expect(cell(wide, "nginx-flask", "READY")).toBe("2/2");
    expect(cell(wide, "nginx-flask", "IP")).toBe("10.244.1.2");
    expect(r.find("kubectl exec -it nginx-flask").stderr).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    expect(r.find("--container nginx -- cat").stdout).toContain("proxy_pass      http://localhost:5000/;");
    expect(r.find("kubectl logs nginx-flask -c flask").stdout).toContain("Running on http://0.0.0.0:5000/");
  });

  it("shared-logs: the alpine container tails what Tomcat writes to the shared emptyDir", async () => {
    const r = await replay(dir("shared-logs"));
    expect(cell(r.find("kubectl get pod volume-pod").stdout, "volume-pod", "READY")).toBe("2/2");
    expect(r.find("kubectl logs volume-pod -c alpine").stdout).toMatch(/Server startup in/);
    expect(r.find("ls /usr/local/tomcat/logs").stdout).toMatch(/catalina\.\d{4}-\d\d-\d\d\.log/);
  });

  it("security-context: processes run as runAsUser, files in the volume belong to fsGroup", async () => {
    const r = await replay(dir("security-context"));
    const ps = r.find("kubectl exec security-context-demo -- ps aux").stdout.split("\n");
    expect(ps[1]).toMatch(/^1000 +1 .*node server\.js$/);
    expect(r.find("ls -ld /data/demo").stdout).toMatch(/^drwxrwsrwx +2 root +2000 .* \/data\/demo\n$/);
    expect(r.find("echo hello > /data/demo/testfile").stdout).toMatch(/-rw-r--r-- +1 1000 +2000 +6 .* testfile/);
    expect(r.find("kubectl exec security-context-demo-2 -- ps aux").stdout.split("\n")[1]).toMatch(/^2000 +1 /);
  });

  it("static-web: the node runs its manifest; the mirror pod comes back when deleted", async () => {
    const r = await replay(dir("static-web"));
    const [first, afterDelete, afterRemove] = r.records.filter((x) => x.command === "kubectl get pod");
    expect(cell(first.stdout, "static-web-node-1", "STATUS")).toBe("Running");
    expect(r.find("jsonpath").stdout).toBe("file Node/node-1");
    expect(cell(afterDelete.stdout, "static-web-node-1", "STATUS")).toBe("Running");
    expect(cell(afterDelete.stdout, "static-web-node-1", "AGE")).toBe("5s");
    expect(afterRemove.stderr).toBe("No resources found in default namespace.\n");
  });

  it("restart-policies: Always backs off, OnFailure completes, Never stays failed", async () => {
    const r = await replay(dir("restart-policies"));
    const [, late] = r.all("kubectl get pods");
    expect(cell(late.stdout, "always", "STATUS")).toBe("CrashLoopBackOff");
    expect(cell(late.stdout, "onfailure", "STATUS")).toBe("Completed");
    expect(cell(late.stdout, "onfailure", "RESTARTS")).toBe("0");
    expect(cell(late.stdout, "never", "STATUS")).toBe("Error");
    expect(cell(late.stdout, "never", "RESTARTS")).toBe("0");
    expect(cell(late.stdout, "myapp-pod", "STATUS")).toBe("Running");
    expect(r.find("kubectl logs myapp-pod").stdout).toBe("Hello Kubernetes!\n");
    expect(r.find("kubectl describe pod always").stdout).toMatch(/Reason: {7}CrashLoopBackOff\n {4}Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}1\n/);
  });

  it("image-fix: ErrImagePull, ImagePullBackOff, then Running once the tag is fixed", async () => {
    const r = await replay(dir("image-fix"));
    const [first, second, fixed] = r.all("kubectl get pods");
    expect(cell(first.stdout, "nginx", "STATUS")).toBe("ErrImagePull");
    expect(cell(second.stdout, "nginx", "STATUS")).toBe("ImagePullBackOff");
    const ev = events(r.find("kubectl describe pod nginx").stdout);
    expect(ev).toContain('Normal Pulling kubelet Pulling image "nginx:1.161"');
    expect(ev).toContain('Warning Failed kubelet Failed to pull image "nginx:1.161": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found');
    expect(ev).toContain("Warning Failed kubelet Error: ErrImagePull");
    expect(ev).toContain('Normal BackOff kubelet Back-off pulling image "nginx:1.161"');
    expect(ev).toContain("Warning Failed kubelet Error: ImagePullBackOff");
    expect(r.find("kubectl logs nginx").stderr).toBe('Error from server (BadRequest): container "nginx" in pod "nginx" is waiting to start: trying and failing to pull image\n');
    expect(cell(fixed.stdout, "nginx", "STATUS")).toBe("Running");
    expect(r.find("jsonpath").stdout).toBe("docker.io/library/nginx:1.25");
  });

  it("missing-configmap: FailedMount until the ConfigMap exists, then the pod starts on its own", async () => {
    const r = await replay(dir("missing-configmap"));
    const [waiting, running] = r.all("kubectl get pods");
    expect(cell(waiting.stdout, "app", "STATUS")).toBe("ContainerCreating");
    expect(events(r.find("kubectl describe pod app").stdout)).toContain('Warning FailedMount kubelet MountVolume.SetUp failed for volume "config" : configmap "app-config" not found');
    expect(cell(running.stdout, "app", "STATUS")).toBe("Running");
    expect(r.find("kubectl logs app").stdout).toBe("hello from the configmap\n");
    expect(r.find("kubectl exec app -- ls /etc/config").stdout).toBe("greeting\n");
  });

  it("replays a session to the same output twice", async () => {
    const a = await replay(dir("liveness-exec"));
    const b = await replay(dir("liveness-exec"));
    expect(b.records).toEqual(a.records);
  });
});
