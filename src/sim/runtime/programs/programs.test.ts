import { describe, expect, it } from "vitest";
import type { ConnectOutcome } from "../cri";
import { deliverSignal } from "../process/launcher";
import { Bench } from "../testing/harness";

async function get(b: Bench, sandbox: string, port: number, path = "/"): Promise<ConnectOutcome> {
  return b.runtime.httpGet(sandbox, { port, path, scheme: "HTTP", headers: {}, timeoutMs: 1_000 });
}

describe("web servers", () => {
  it("nginx: the entrypoint's lines, the start-up notices, pages, 404s and its access log", async () => {
    const b = new Bench();
    const web = await b.pod({ image: "nginx" });
    const log = b.logs(web.id).split("\n");
    expect(log[0]).toBe("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
    expect(log[8]).toBe("/docker-entrypoint.sh: Configuration complete; ready for start up");
    expect(log[9]).toMatch(/^2025\/01\/01 00:00:0\d \[notice\] 1#1: using the "epoll" event method$/);
    expect(log).toContain(log[9].replace(/\[notice\].*/, '[notice] 1#1: start worker process 2'));
    const page = await get(b, web.sandbox, 80);
    expect(page).toMatchObject({ ok: true, status: 200 });
    expect(page.ok && page.body).toContain("<title>Welcome to nginx!</title>");
    expect(await get(b, web.sandbox, 80, "/missing")).toMatchObject({ ok: true, status: 404, body: expect.stringContaining("<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>") });
    expect(b.logs(web.id)).toMatch(/\n10\.244\.1\.1 - - \[01\/Jan\/2025:00:00:0\d \+0000\] "GET \/missing HTTP\/1\.1" 404 153 "-" "kube-probe\/1\.31" "-"\n/);
    expect(b.logs(web.id)).toContain('[error] 2#2: *2 open() "/usr/share/nginx/html/missing" failed (2: No such file or directory), client: 10.244.1.1, server: localhost, request: "GET /missing HTTP/1.1", host: "10.244.1.2:80"\n');
  });

  it("nginx reads a replaced default.conf (return) and serves files a container wrote into its html volume", async () => {
    const b = new Bench();
    const html = b.runtime.createVolume({ name: "html", type: "emptyDir" });
    const conf = b.runtime.createVolume({ name: "conf", type: "configMap" });
    conf.writeFiles({ "default.conf": { content: "server {\n  listen 8080;\n  location /health { return 200 'ok'; }\n  location / { root /usr/share/nginx/html; }\n}\n" } });
    const pod = b.sandbox();
    await b.run(pod.id, { name: "init", image: "busybox", command: ["sh", "-c", "echo '<p>from init</p>' > /work/index.html"], mounts: [{ volume: html, containerPath: "/work", readOnly: false }] });
    const web = await b.run(pod.id, { name: "nginx", image: "nginx", mounts: [{ volume: html, containerPath: "/usr/share/nginx/html", readOnly: false }, { volume: conf, containerPath: "/etc/nginx/conf.d", readOnly: true }] });
    expect(b.logs(web)).toContain("10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)\n");
    expect(await get(b, pod.id, 8080, "/health")).toMatchObject({ ok: true, status: 200, body: "ok" });
    expect(await get(b, pod.id, 8080, "/")).toMatchObject({ ok: true, status: 200, body: "<p>from init</p>\n" });
    expect(await get(b, pod.id, 80, "/")).toMatchObject({ ok: false, error: "refused" });
  });

  it("nginx without `daemon off;` goes to the background: the container exits 0", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "nginx", command: ["nginx"] });
    expect(b.status(id)).toMatchObject({ exitCode: 0, reason: "Completed" });
  });

  it("httpd: It works! and its start-up notices", async () => {
    const b = new Bench();
    const { id, sandbox, ip } = await b.pod({ image: "httpd" });
    expect(b.logs(id).split("\n")[0]).toBe(`AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`);
    expect(await get(b, sandbox, 80)).toMatchObject({ ok: true, status: 200, body: "<html><body><h1>It works!</h1></body></html>\n" });
  });

  it("tomcat opens 8080 only after its start-up, has an empty webapps (404), and exits 143 on SIGTERM", async () => {
    const b = new Bench();
    const { id, sandbox } = await b.pod({ image: "tomcat:8.0" });
    expect(await get(b, sandbox, 8080)).toMatchObject({ ok: false, error: "refused" });
    await b.advance(2_000);
    expect(b.logs(id)).toContain("org.apache.catalina.startup.VersionLoggerListener.log Server version name:   Apache Tomcat/8.0.53\n");
    expect(await get(b, sandbox, 8080)).toMatchObject({ ok: true, status: 404, body: expect.stringContaining("<h3>Apache Tomcat/8.0.53</h3>") });
    await b.runtime.stopContainer(id, 30_000);
    await b.advance(0);
    expect(b.status(id)).toMatchObject({ exitCode: 143, reason: "Error" });
    expect(b.logs(id)).toMatch(/INFO \[Thread-1\] org\.apache\.coyote\.AbstractProtocol\.destroy Destroying ProtocolHandler \["http-nio-8080"\]\n$/);
  });

  it("python -m http.server lists the directory; its banner stays in the stdout buffer", async () => {
    const b = new Bench();
    const { id, sandbox } = await b.pod({ image: "python:3.12", command: ["python", "-m", "http.server", "8000"], workingDir: "/etc" });
    const r = await get(b, sandbox, 8000);
    expect(r.ok && r.body).toContain('<li><a href="hostname">hostname</a></li>');
    expect(b.logs(id)).toMatch(/^10\.244\.1\.1 - - \[01\/Jan\/2025 00:00:\d\d\] "GET \/ HTTP\/1\.1" 200 -\n$/);
    const unbuffered = await b.pod({ image: "python:3.12", command: ["python", "-m", "http.server"], env: { PYTHONUNBUFFERED: "1" } });
    expect(b.logs(unbuffered.id)).toBe("Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...\n");
  });

  it("node-hello runs `node server.js` under a shell that is PID 1", async () => {
    const b = new Bench();
    const { id, sandbox } = await b.pod({ image: "kuops/node-hello:1.0", runAsUser: 1000 });
    expect(await get(b, sandbox, 8080)).toMatchObject({ ok: true, status: 200, body: "Hello Kubernetes!" });
    expect(b.logs(id)).toBe("Received request for URL: /\n");
    const ps = (await b.exec(id, ["ps", "aux"])).stdout.split("\n");
    expect(ps[0]).toBe("USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND");
    expect(ps[1]).toMatch(/^1000 {11}1 .* \/bin\/sh -c node server\.js$/);
    expect(ps[2]).toMatch(/^1000 {11}2 .* node server\.js$/);
  });
});

describe("data stores and runtimes", () => {
  it("redis answers PING through redis-cli", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "redis" });
    expect(b.logs(id)).toMatch(/1:M 01 Jan 2025 00:00:0\d\.\d{3} \* Ready to accept connections tcp\n$/);
    expect((await b.exec(id, ["redis-cli", "ping"])).stdout).toBe("PONG\n");
    expect((await b.exec(id, ["redis-cli", "set", "k", "v"])).stdout).toBe("OK\n");
    expect((await b.exec(id, ["redis-cli", "get", "k"])).stdout).toBe('"v"\n');
  });

  it("postgres and mysql refuse to initialise without a password, with their real errors", async () => {
    const b = new Bench();
    const pg = await b.pod({ image: "postgres" });
    expect(b.status(pg.id)).toMatchObject({ exitCode: 1, reason: "Error" });
    expect(b.logs(pg.id)).toBe(
      'Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n\n       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n       connections without a password. This is *not* recommended.\n\n       See PostgreSQL documentation about "trust":\n       https://www.postgresql.org/docs/current/auth-trust.html\n',
    );
    const my = await b.pod({ image: "mysql" });
    expect(b.status(my.id)).toMatchObject({ exitCode: 1, reason: "Error" });
    expect(b.logs(my.id)).toMatch(/\[ERROR\] \[Entrypoint\]: Database is uninitialized and password option is not specified\n {4}You need to specify one of the following as an environment variable:\n {4}- MYSQL_ROOT_PASSWORD\n/);
    const ok = await b.pod({ image: "postgres:16", env: { POSTGRES_PASSWORD: "secret" } });
    await b.advance(5_000);
    expect(b.logs(ok.id)).toMatch(/LOG: {2}database system is ready to accept connections\n$/);
    expect((await b.runtime.tcpConnect(ok.sandbox, { port: 5432, timeoutMs: 1_000 })).ok).toBe(true);
  });

  it("perl computes the Job example's π to 2000 digits", async () => {
    const b = new Bench();
    const { id } = await b.pod({ image: "perl:5.34.0", command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"] });
    expect(b.status(id).state).toBe("running");
    await b.advance(10_000);
    const out = b.logs(id);
    expect(b.status(id).reason).toBe("Completed");
    expect(out.length).toBe(2002);
    expect(out.startsWith("3.14159265358979323846264338327950288419716939937510")).toBe(true);
    expect(out.endsWith("396241389086583264599581339047802759 01\n".replace(" ", ""))).toBe(true);
  });
});

describe("Kubernetes test and demo images", () => {
  it("the liveness server answers /healthz with 200 for 10 seconds, then 500", async () => {
    const b = new Bench();
    const { sandbox } = await b.pod({ image: "registry.k8s.io/liveness", args: ["/server"] });
    expect(await get(b, sandbox, 8080, "/healthz")).toMatchObject({ ok: true, status: 200, body: "ok" });
    await b.advance(10_500);
    expect(await get(b, sandbox, 8080, "/healthz")).toMatchObject({ ok: true, status: 500, body: "error: 10.5" });
  });

  it("agnhost: pause, netexec and serve-hostname with their ports and lines", async () => {
    const b = new Bench();
    const img = "registry.k8s.io/e2e-test-images/agnhost:2.40";
    const paused = await b.pod({ image: img });
    expect(b.logs(paused.id)).toBe("Paused\n");
    const net = await b.pod({ image: img, args: ["netexec", "--http-port=8080"] }, { name: "netexec-pod" });
    expect(await get(b, net.sandbox, 8080, "/hostname")).toMatchObject({ ok: true, status: 200, body: "netexec-pod" });
    expect(await get(b, net.sandbox, 8080, "/echo?msg=hello&code=418")).toMatchObject({ ok: true, status: 418, body: "hello" });
    expect(b.logs(net.id)).toMatch(/^2025\/01\/01 00:00:\d\d Started HTTP server on port 8080\n2025\/01\/01 00:00:\d\d Started UDP server on port {2}8081\n/);
    await get(b, net.sandbox, 8080, "/exit?code=3");
    await b.advance(0);
    expect(b.status(net.id)).toMatchObject({ exitCode: 3, reason: "Error" });
    const sh = await b.pod({ image: img, args: ["serve-hostname"] }, { name: "sh-pod" });
    expect(await get(b, sh.sandbox, 9376)).toMatchObject({ ok: true, body: "sh-pod" });
  });

  it("a program waiting for signals exits with the status of the signal it got (agnhost pause: INT 1, TERM 2)", async () => {
    const b = new Bench();
    const img = "registry.k8s.io/e2e-test-images/agnhost:2.40";
    const byTerm = await b.pod({ image: img });
    const byInt = await b.pod({ image: img });
    await b.runtime.stopContainer(byTerm.id, 30_000);
    await deliverSignal(b.runtime.container(byInt.id)!.pidns.get(1)!, 2).done;
    await b.advance(0);
    expect(b.status(byTerm.id)).toMatchObject({ state: "exited", exitCode: 2 });
    expect(b.status(byInt.id)).toMatchObject({ state: "exited", exitCode: 1 });
  });

  it("http-echo answers its -text on 5678 and logs the request", async () => {
    const b = new Bench();
    const { id, sandbox } = await b.pod({ image: "hashicorp/http-echo", args: ["-text=hello world"] });
    expect(await get(b, sandbox, 5678)).toMatchObject({ ok: true, status: 200, body: "hello world\n" });
    expect(b.logs(id)).toMatch(/^2025\/01\/01 00:00:0\d \[INFO\] server is listening on :5678\n2025\/01\/01 00:00:0\d 10\.244\.1\.2:5678 10\.244\.1\.1:\d+ "GET \/ HTTP\/1\.1" 200 12 "kube-probe\/1\.31" 14\.2µs\n$/);
    const missing = await b.pod({ image: "hashicorp/http-echo" });
    expect(b.status(missing.id)).toMatchObject({ exitCode: 127 });
  });

  it("goproxy accepts TCP on 8080 (the tcpSocket probe example) and an unknown image listens on its containerPorts", async () => {
    const b = new Bench();
    const proxy = await b.pod({ image: "registry.k8s.io/goproxy:0.1" });
    expect(await b.runtime.tcpConnect(proxy.sandbox, { port: 8080, timeoutMs: 1_000 })).toMatchObject({ ok: true });
    const app = await b.pod({ image: "example/shop:1.4.2", ports: [{ containerPort: 3000 }] });
    expect(await get(b, app.sandbox, 3000)).toMatchObject({ ok: true, status: 200 });
    expect(await b.runtime.tcpConnect(app.sandbox, { port: 3001, timeoutMs: 1_000 })).toMatchObject({ ok: false, error: "refused", message: `dial tcp ${app.ip}:3001: connect: connection refused` });
  });

  it("grpc health checks against agnhost grpc-health-checking", async () => {
    const b = new Bench();
    const { sandbox, ip } = await b.pod({ image: "registry.k8s.io/e2e-test-images/agnhost:2.40", args: ["grpc-health-checking"] });
    expect(await b.runtime.grpcCheck(sandbox, { port: 5000, timeoutMs: 1_000 })).toMatchObject({ ok: true, body: "SERVING" });
    await get(b, sandbox, 8080, "/make-not-serving");
    expect(await b.runtime.grpcCheck(sandbox, { port: 5000, timeoutMs: 1_000 })).toMatchObject({ ok: true, body: "NOT_SERVING" });
    expect(await b.runtime.grpcCheck(sandbox, { port: 8080, timeoutMs: 1_000 })).toMatchObject({ ok: false, message: `timeout: failed to connect service "${ip}:8080" within 1s: context deadline exceeded` });
  });
});
