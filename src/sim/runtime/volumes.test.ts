import { describe, expect, it } from "vitest";
import { Bench } from "./testing/harness";

describe("volumes in containers", () => {
  it("shares an emptyDir between a pod's containers: the javaweb WAR copied by an init container is deployed by Tomcat", async () => {
    const b = new Bench();
    const app = b.runtime.createVolume({ name: "app-volume", type: "emptyDir" });
    const pod = b.sandbox({ name: "javaweb-2", portMappings: [{ containerPort: 8080, hostPort: 8001, protocol: "TCP" }] });
    const war = await b.run(pod.id, { name: "war", role: "init", image: "geektime/sample:v2", command: ["cp", "/sample.war", "/app"], mounts: [{ volume: app, containerPath: "/app", readOnly: false }] });
    expect(b.status(war)).toMatchObject({ exitCode: 0, reason: "Completed" });
    const tomcat = await b.run(pod.id, {
      name: "tomcat",
      image: "geektime/tomcat:7.0",
      command: ["sh", "-c", "/root/apache-tomcat-7.0.42-v2/bin/start.sh"],
      mounts: [{ volume: app, containerPath: "/root/apache-tomcat-7.0.42-v2/webapps", readOnly: false }],
    });
    const refused = await b.runtime.tcpConnect(pod.id, { port: 8080, timeoutMs: 1000 });
    expect(refused.ok).toBe(false);
    await b.advance(3_000);
    expect(b.logs(tomcat)).toContain("INFO: Deploying web application archive /root/apache-tomcat-7.0.42-v2/webapps/sample.war\n");
    expect(b.logs(tomcat)).toMatch(/INFO: Server startup in \d+ ms\n$/);
    const page = await b.runtime.httpGet(pod.id, { port: 8080, path: "/sample/", scheme: "HTTP", headers: {}, timeoutMs: 1000 });
    expect(page).toMatchObject({ ok: true, status: 200 });
    expect(page.ok && page.body).toContain('<h1>Sample "Hello, World" Application</h1>');
    // Through the node's hostPort 8001.
    const viaNode = await b.runtime.httpGet(pod.id, { host: "172.18.0.3", port: 8001, path: "/sample/hello.jsp", scheme: "HTTP", headers: {}, timeoutMs: 1000 });
    expect(viaNode.ok && viaNode.body).toContain("This is the output of a JSP page");
    // Tomcat expanded the archive into the shared volume.
    expect(app.readFile("sample/index.html")).toContain("Hello, World");
    expect((await b.exec(tomcat, ["ls", "/root/apache-tomcat-7.0.42-v2/webapps"])).stdout).toBe("sample\nsample.war\n");
  });

  it("lets a reader tail the log Tomcat writes into a shared emptyDir", async () => {
    const b = new Bench();
    const logs = b.runtime.createVolume({ name: "app-logs", type: "emptyDir" });
    const pod = b.sandbox({ name: "volume-pod" });
    await b.pull("alpine");
    await b.run(pod.id, { name: "tomcat", image: "tomcat", ports: [{ containerPort: 8080 }], mounts: [{ volume: logs, containerPath: "/usr/local/tomcat/logs", readOnly: false }] });
    const reader = await b.run(pod.id, { name: "alpine", image: "alpine", command: ["sh", "-c", "tail -f /logs/catalina*.log"], mounts: [{ volume: logs, containerPath: "/logs", readOnly: false }] });
    await b.advance(5_000);
    const lines = b.logs(reader).split("\n");
    expect(lines[0]).toMatch(/^01-Jan-2025 00:00:\d\d\.\d{3} INFO \[main\] org\.apache\.catalina\.startup\.VersionLoggerListener\.log Server version name: {3}Apache Tomcat\/11\.0\.2$/);
    expect(b.logs(reader)).toMatch(/Catalina\.start Server startup in \[\d+\] milliseconds\n$/);
    expect((await b.exec(reader, ["ls", "/logs"])).stdout).toMatch(/^catalina\.2025-01-01\.log\nlocalhost_access_log\.2025-01-01\.txt\n$|^catalina\.2025-01-01\.log\n$/);
  });

  it("shows fsGroup ownership in ls -l and id, and refuses writes outside it", async () => {
    const b = new Bench();
    const vol = b.runtime.createVolume({ name: "sec-ctx-vol", type: "emptyDir" });
    const { id } = await b.pod({ image: "busybox", command: ["sh", "-c", "sleep 1h"], runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, mounts: [{ volume: vol, containerPath: "/data/demo", readOnly: false }] });
    expect((await b.exec(id, ["id"])).stdout).toBe("uid=1000 gid=3000 groups=2000\n");
    expect((await b.sh(id, "cd /data && ls -l")).stdout).toBe("total 4\ndrwxrwsrwx    2 root     2000          4096 Jan  1 00:00 demo\n");
    expect((await b.sh(id, "cd /data/demo && echo hello > testfile && ls -l")).stdout).toBe("total 4\n-rw-r--r--    1 1000     2000             6 Jan  1 00:00 testfile\n");
    expect((await b.sh(id, "touch /etc/x")).stderr).toBe("touch: /etc/x: Permission denied\n");
    expect((await b.exec(id, ["ps"])).stdout.split("\n")[1]).toBe("    1 1000      0:00 sleep 1h");
  });

  it("mounts configMap volumes read-only, as files through subPath too", async () => {
    const b = new Bench();
    const cm = b.runtime.createVolume({ name: "config", type: "configMap" });
    cm.writeFiles({ "game.properties": { content: "enemies=aliens\n" } });
    const { id } = await b.pod({
      image: "busybox",
      command: ["sleep", "3600"],
      mounts: [
        { volume: cm, containerPath: "/etc/config", readOnly: true },
        { volume: cm, containerPath: "/etc/game.properties", subPath: "game.properties", readOnly: true },
      ],
    });
    expect((await b.sh(id, "cat /etc/config/game.properties /etc/game.properties")).stdout).toBe("enemies=aliens\nenemies=aliens\n");
    const w = await b.sh(id, "echo hi > /etc/config/new; rm /etc/config/game.properties");
    expect(w.stderr).toBe("sh: can't create /etc/config/new: Read-only file system\nrm: can't remove '/etc/config/game.properties': Read-only file system\n");
  });

  it("keeps a host directory's files across pods (hostPath)", async () => {
    const b = new Bench();
    const host = b.runtime.createVolume({ name: "host/data", type: "hostPath" });
    const writer = await b.pod({ image: "busybox", command: ["sh", "-c", "echo written-by-pod-1 > /data/note"], mounts: [{ volume: host, containerPath: "/data", readOnly: false }] });
    expect(b.status(writer.id).reason).toBe("Completed");
    b.runtime.removePodSandbox(writer.sandbox);
    const reader = await b.pod({ image: "alpine", command: ["cat", "/host/note"], mounts: [{ volume: host, containerPath: "/host", readOnly: true }] });
    expect(b.logs(reader.id)).toBe("written-by-pod-1\n");
  });

  it("counts a memory-backed emptyDir against the writing container's memory", async () => {
    const b = new Bench();
    const mem = b.runtime.createVolume({ name: "cache", type: "emptyDir", medium: "Memory" });
    const { id } = await b.pod({
      image: "busybox",
      command: ["sh", "-c", "i=0; while [ $i -lt 12 ]; do head -c 1048576 /dev/zero >> /cache/blob; i=$((i+1)); done; sleep 3600"],
      memoryLimitBytes: 8 * 1024 * 1024,
      mounts: [{ volume: mem, containerPath: "/cache", readOnly: false }],
    });
    expect(b.status(id)).toMatchObject({ state: "exited", exitCode: 137, reason: "OOMKilled" });
    // The eighth MiB, with the shell's own memory, crosses the 8Mi limit.
    expect(mem.usedBytes()).toBe(8 * 1024 * 1024);
  });
});

describe("the pod network seen by containers", () => {
  it("shares localhost between a pod's containers: nginx proxies to the flask container on localhost:5000", async () => {
    const b = new Bench();
    const pod = b.sandbox({ name: "nginx-flask", portMappings: [{ containerPort: 80, hostPort: 80, protocol: "TCP" }] });
    const nginx = await b.run(pod.id, { name: "nginx", image: "kuops/mynginx", ports: [{ containerPort: 80 }] });
    const flask = await b.run(pod.id, { name: "flask", image: "kuops/myflask", ports: [{ containerPort: 5000 }] });
    const r = await b.runtime.httpGet(pod.id, { host: "172.18.0.3", port: 80, path: "/", scheme: "HTTP", headers: {}, timeoutMs: 1000 });
    expect(r).toMatchObject({ ok: true, status: 200, body: "Hello Flask!" });
    expect(b.logs(flask)).toMatch(/^ \* Running on http:\/\/0\.0\.0\.0:5000\/ \(Press CTRL\+C to quit\)\n127\.0\.0\.1 - - \[01\/Jan\/2025 00:00:\d\d\] "GET \/ HTTP\/1\.0" 200 -\n$/);
    expect(b.logs(nginx)).toMatch(/^10\.244\.1\.1 - - \[01\/Jan\/2025:00:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 12 "-" "kube-probe\/1\.31" "-"$/m);
    expect((await b.exec(nginx, ["cat", "/etc/nginx/conf.d/default.conf"])).stdout).toContain("proxy_pass      http://localhost:5000/;");
  });

  it("words connection failures as busybox wget and nc do, and serves HTTP from an nc loop", async () => {
    const b = new Bench();
    const server = await b.pod({ image: "busybox", command: ["sh", "-c", "while true; do printf 'HTTP/1.1 200 OK\\r\\nContent-Length: 3\\r\\n\\r\\nhi\\n' | nc -l -p 8080; done"] });
    const client = await b.pod({ image: "busybox", command: ["sleep", "3600"] });
    const ok = await b.sh(client.id, `wget -qO- http://${server.ip}:8080/`);
    expect(ok).toMatchObject({ exitCode: 0, stdout: "hi\n" });
    await b.advance(1);
    expect(b.logs(server.id)).toBe(`GET / HTTP/1.1\r\nHost: ${server.ip}:8080\r\nUser-Agent: Wget\r\nConnection: close\r\n\r\n`);
    expect((await b.sh(client.id, `wget -O- http://${server.ip}:9999/`)).stderr).toBe(`Connecting to ${server.ip}:9999 (${server.ip}:9999)\nwget: can't connect to remote host (${server.ip}): Connection refused\n`);
    expect((await b.sh(client.id, `nc ${server.ip} 9999`)).stderr).toBe(`nc: can't connect to remote host (${server.ip}): Connection refused\n`);
    expect((await b.sh(client.id, "wget -qO- http://web-service/")).stderr).toBe("wget: bad address 'web-service'\n");
  });
});
