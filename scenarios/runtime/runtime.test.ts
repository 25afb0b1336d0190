import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultComponents } from "../../src/sim/components";
import { KubeletComponent } from "../../src/sim/kubelet/component";
import { podlabRuntimeFactory } from "../../src/sim/runtime";
import { replay } from "../helpers";

/** The seeds' examples on the simulated containerd (whatever runtime the default cluster uses). */
function run(name: string) {
  const components = defaultComponents().map((c) => (c instanceof KubeletComponent ? new KubeletComponent({ runtimeFactory: podlabRuntimeFactory }) : c));
  return replay(join(__dirname, name), "session.txt", { components });
}

describe("runtime scenarios from the seeds", () => {
  it("javaweb: the WAR copied by the init container is deployed by Tomcat and served through hostPort 8001", async () => {
    const r = await run("javaweb");
    expect(r.find("get pod javaweb-2").stdout.split("\n")[1]).toMatch(/^javaweb-2 +1\/1 +Running +0 +30s +10\.244\.1\.2 +node-1/);
    expect(r.find("logs javaweb-2 -c war").stdout).toBe("");
    const tomcat = r.find("logs javaweb-2 -c tomcat").stdout.split("\n");
    expect(tomcat[0]).toMatch(/^Jan 01, 2025 12:00:\d\d AM org\.apache\.catalina\.core\.AprLifecycleListener init$/);
    expect(tomcat).toContain("INFO: Deploying web application archive /root/apache-tomcat-7.0.42-v2/webapps/sample.war");
    expect(tomcat).toContain("INFO: Server startup in 880 ms");
    expect(r.find("exec javaweb-2").stdout).toBe("/root/apache-tomcat-7.0.42-v2/webapps:\nsample\nsample.war\n\n/root/apache-tomcat-7.0.42-v2/webapps/sample:\nMETA-INF\nWEB-INF\nhello.jsp\nindex.html\n");
    expect(r.find("logs client").stdout).toContain("<h1>Sample Application JSP Page</h1>\nThis is the output of a JSP page that is part of the Hello, World application.\n");
  });

  it("liveness-exec: busybox's cat fails after 30 s and the kubelet restarts the container", async () => {
    const r = await run("liveness-exec");
    expect(r.find("cat /tmp/healthy")).toMatchObject({ exitCode: 0, stdout: "" });
    expect(r.find("-- ps").stdout).toBe("PID   USER     TIME  COMMAND\n    1 root      0:00 /bin/sh -c touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600\n    2 root      0:00 sleep 30\n    7 root      0:00 ps\n");
    const failed = r.all("cat /tmp/healthy")[1];
    expect(failed).toMatchObject({ exitCode: 1, stderr: "cat: can't open '/tmp/healthy': No such file or directory\ncommand terminated with exit code 1\n" });
    expect(r.find("get events").stdout).toContain("Warning   Unhealthy   pod/liveness-exec   Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(r.find("get pod liveness-exec").stdout.split("\n")[1]).toMatch(/^liveness-exec +1\/1 +Running +1 \(\d+s ago\) +75s$/);
  });

  it("nginx-flask: nginx proxies to flask over the pod's shared localhost, reached through hostPort 80", async () => {
    const r = await run("nginx-flask");
    expect(r.find("get pod nginx-flask").stdout.split("\n")[1]).toMatch(/^nginx-flask +2\/2 +Running +0 +30s +10\.244\.1\.2 +node-1/);
    expect(r.find("default.conf").stdout).toBe("server {\nlisten 80;\n    location / {\n    proxy_pass      http://localhost:5000/;\n    }\n}\n");
    // The page has no final newline (kubectl prints a partial last line as it is).
    expect(r.find("logs curl").stdout).toMatch(/^Hello Flask!\n?$/);
    expect(r.find("logs nginx-flask -c flask").stdout).toBe(' * Running on http://0.0.0.0:5000/ (Press CTRL+C to quit)\n127.0.0.1 - - [01/Jan/2025 00:00:30] "GET / HTTP/1.0" 200 -\n');
  });

  it("memory-demo: 150M within 200Mi keeps running, 250M above 100Mi is OOMKilled", async () => {
    const r = await run("memory-demo");
    const rows = r.find("kubectl get pod").stdout.split("\n");
    expect(rows[1]).toMatch(/^memory-demo +1\/1 +Running +0 +10s$/);
    expect(rows[2]).toMatch(/^memory-demo-2 +0\/1 +OOMKilled +1 \(\d+s ago\) +10s$/);
    expect(r.find("logs memory-demo").stdout).toBe("stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n");
    expect(r.find("describe pod memory-demo-2").stdout).toMatch(/Last State: {5}Terminated\n {6}Reason: {7}OOMKilled\n {6}Exit Code: {4}137\n/);
  });

  it("lifecycle-demo: postStart's message is there, and preStop's `nginx -s quit` ends the pod without the 30 s grace period", async () => {
    const r = await run("lifecycle-demo");
    expect(r.find("cat /usr/share/message").stdout).toBe("Hello from the postStart handler\n");
    expect(r.find("get pod lifecycle-demo")).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "lifecycle-demo" not found\n' });
  });

  it("shared-logs: alpine follows the catalina log Tomcat writes into the shared emptyDir", async () => {
    const r = await run("shared-logs");
    const lines = r.find("logs volume-pod -c alpine").stdout.split("\n");
    expect(lines[0]).toMatch(/^01-Jan-2025 00:00:\d\d\.\d{3} INFO \[main\] org\.apache\.catalina\.startup\.VersionLoggerListener\.log Server version name: {3}Apache Tomcat\/11\.0\.2$/);
    expect(lines[lines.length - 2]).toMatch(/INFO \[main\] org\.apache\.catalina\.startup\.Catalina\.start Server startup in \[460\] milliseconds$/);
    expect(r.find("ls /usr/local/tomcat/logs").stdout).toBe("catalina.2025-01-01.log\n");
  });
});
