import { describe, expect, it } from "vitest";
import { createCluster } from "../index";
import type { Cluster } from "../cluster";
import { metricsServer } from "./metrics-server";
import { milliCPU, podUsage } from "./types";

function phpApache(c: Cluster, limit = "500m"): string {
  c.api.create(
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "php", labels: { run: "php" } },
      spec: { nodeName: "node-2", containers: [{ name: "php", image: "registry.k8s.io/hpa-example", resources: { limits: { cpu: limit }, requests: { cpu: "200m" } } }] },
    },
    { actor: "kubectl" },
  );
  return "php";
}

const cpu = (c: Cluster) => milliCPU(podUsage(metricsServer(c)!.getPodMetrics("default", "php")!));

describe("php-apache under a load generator", () => {
  it("burns CPU in proportion to the request rate, up to its limit, and idles when the load stops", async () => {
    const c = createCluster();
    phpApache(c);
    await c.advance(30_000);
    const ip = c.api.get("Pod", "default", "php").status.podIP;
    expect((await c.podlab(["load", "start", "slow", `--target=http://${ip}/`, "--rps=2"])).stdout).toBe(`load generator "slow" started: 2 requests/s to http://${ip}/ from node node-1\n`);
    await c.advance(45_000);
    // Two requests a second at 100 ms of CPU each.
    expect(cpu(c)).toBeGreaterThanOrEqual(190);
    expect(cpu(c)).toBeLessThanOrEqual(210);
    await c.podlab(["load", "start", "fast", `--target=http://${ip}/`, "--rps=20", "--duration=30s"]);
    await c.advance(30_000);
    expect(cpu(c)).toBe(500);
    expect((await c.podlab(["load", "stop", "slow"])).stdout).toBe('load generator "slow" stopped after 1m15s: 150 requests, 150 succeeded, 0 failed\n');
    expect((await c.podlab(["load", "list"])).stdout).toBe("No load generators running.\n");
    await c.advance(45_000);
    expect(cpu(c)).toBe(1);
  });

  it("answers OK! and logs each request as Apache does", async () => {
    const c = createCluster();
    phpApache(c);
    c.api.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "client" }, spec: { nodeName: "node-1", containers: [{ name: "c", image: "busybox", command: ["sleep", "3600"] }] } }, { actor: "kubectl" });
    await c.advance(30_000);
    const ip = c.api.get("Pod", "default", "php").status.podIP;
    const r = await c.kubectl(["exec", "client", "--", "wget", "-q", "-O-", `http://${ip}/`], { files: { readFile: () => undefined, listDir: () => undefined } });
    expect(r.stdout).toBe("OK!");
    const logs = await c.kubectl(["logs", "php"], { files: { readFile: () => undefined, listDir: () => undefined } });
    const lines = logs.stdout.trim().split("\n");
    expect(lines[0]).toBe(`AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`);
    expect(lines[2]).toMatch(/^\[\w{3} \w{3} \d\d \d\d:\d\d:\d\d\.\d{6} \d{4}\] \[mpm_prefork:notice\] \[pid 1\] AH00163: Apache\/2\.4\.10 \(Debian\) PHP\/5\.6\.14 configured -- resuming normal operations$/);
    expect(lines[4]).toMatch(/^10\.244\.\d+\.\d+ - - \[01\/Jan\/2025:00:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 190 "-" "Wget"$/);
  });

  it("refuses bad arguments", async () => {
    const c = createCluster();
    expect((await c.podlab(["load", "start", "x", "--target=ftp://a", "--rps=5"])).stderr).toBe('podlab load start: invalid --target "ftp://a": expected an http:// or https:// URL\n');
    expect((await c.podlab(["load", "start", "x", "--target=http://a", "--rps=0"])).stderr).toBe("podlab load start: --rps must be between 1 and 2000\n");
    expect((await c.podlab(["load", "stop", "nope"])).stderr).toBe('podlab load stop: load generator "nope" not found\n');
  });
});
