import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { eventRows, replay, run } from "../helpers";

const dir = (name: string) => join(__dirname, name);

const HPA_HEADER = "NAME         REFERENCE               TARGETS        MINPODS   MAXPODS   REPLICAS   AGE";

describe("autoscaling scenarios", () => {
  it("top: kubectl top pod and node read metrics-server, which needs two scrapes first", async () => {
    const r = await replay(dir("top"));
    expect(run(r, "kubectl top node").stderr).toBe("error: metrics not available yet\n");
    expect(run(r, "kubectl top node").exitCode).toBe(1);
    expect(run(r, "kubectl top pod").stderr).toBe("error: metrics not available yet\n");
    expect(run(r, "kubectl top pod", 1).stdout).toBe(
      "NAME          CPU(cores)   MEMORY(bytes)   \n" + "cpu-demo      1000m        1Mi             \n" + "memory-demo   1000m        150Mi           \n",
    );
    expect(run(r, "kubectl top pod cpu-demo --containers").stdout).toBe("POD        NAME           CPU(cores)   MEMORY(bytes)   \n" + "cpu-demo   cpu-demo-ctr   1000m        1Mi             \n");
    expect(run(r, "kubectl top pod --sort-by=memory --sum").stdout).toBe(
      "NAME          CPU(cores)   MEMORY(bytes)   \n" +
        "memory-demo   1000m        150Mi           \n" +
        "cpu-demo      1000m        1Mi             \n" +
        "              ________     ________        \n" +
        "              2000m        152Mi           \n",
    );
    expect(run(r, "kubectl top pod -l app=nothing").stderr).toBe("No resources found in default namespace.\n");
    const nodes = run(r, "kubectl top node", 1).stdout.split("\n");
    expect(nodes[0]).toBe("NAME            CPU(cores)   CPU%   MEMORY(bytes)   MEMORY%   ");
    expect(nodes.slice(1, 5).map((l) => l.split(/ +/)[0])).toEqual(["control-plane", "node-1", "node-2", "node-3"]);
    // Both stress pods run on one worker: two cores of its four.
    const busy = nodes.slice(1, 5).find((l) => / 50% /.test(l));
    expect(busy).toMatch(/^node-\d +20\d\dm +50% +\d+Mi +\d+% +$/);
    expect(run(r, "kubectl top node node-1 --sort-by=cpu").stdout).toMatch(/^NAME {5}CPU\(cores\) {3}CPU% {3}MEMORY\(bytes\) {3}MEMORY% {3}\nnode-1 {3}\d+m +\d+% +\d+Mi +\d+% +\n$/);
    expect(run(r, "kubectl top pod --sort-by=disk").stderr).toBe("error: --sort-by accepts only cpu or memory\n");
    expect(run(r, "kubectl top pod nope").stderr).toBe('Error from server (NotFound): podmetrics.metrics.k8s.io "default/nope" not found\n');
    expect(run(r, "kubectl top pod", 2).stderr).toBe("error: Metrics API not available\n");
    expect(run(r, "kubectl top node", 2).stderr).toBe("error: Metrics API not available\n");
  });

  it("hpa-walkthrough: php-apache scales out under the busybox load loop and back to one replica five minutes after it stops", async () => {
    const r = await replay(dir("hpa-walkthrough"));
    expect(run(r, "kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10").stdout).toBe("horizontalpodautoscaler.autoscaling/php-apache autoscaled\n");
    expect(run(r, "kubectl get hpa").stdout).toBe(
      "NAME         REFERENCE               TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n" + "php-apache   Deployment/php-apache   cpu: <unknown>/50%   1         10        0          0s\n",
    );
    expect(run(r, "kubectl get hpa", 1).stdout).toBe(
      "NAME         REFERENCE               TARGETS       MINPODS   MAXPODS   REPLICAS   AGE\n" + "php-apache   Deployment/php-apache   cpu: 0%/50%   1         10        1          30s\n",
    );
    expect(run(r, "kubectl get hpa php-apache").stdout).toBe(`${HPA_HEADER}\nphp-apache   Deployment/php-apache   cpu: 43%/50%   1         10        5          90s\n`);
    expect(run(r, "kubectl get deployment php-apache").stdout).toMatch(/^php-apache +5\/5 +5 +5 +2m$/m);
    expect(run(r, "kubectl get hpa php-apache", 1).stdout).toMatch(/^php-apache +Deployment\/php-apache +cpu: 4\d%\/50% +1 +10 +5 +3m30s$/m);
    // One sequential client keeps about half a core busy, spread over the five pods.
    const top = run(r, "kubectl top pod -l run=php-apache").stdout.trim().split("\n").slice(1);
    expect(top).toHaveLength(5);
    const total = top.reduce((s, l) => s + Number(/ (\d+)m /.exec(l)![1]), 0);
    expect(total).toBeGreaterThan(400);
    expect(total).toBeLessThan(520);
    // Load stopped: 0% at once, the replicas stay for the stabilization window, then go back to one.
    expect(run(r, "kubectl get hpa php-apache", 2).stdout).toMatch(/^php-apache +Deployment\/php-apache +cpu: 0%\/50% +1 +10 +5 +4m32s$/m);
    expect(run(r, "kubectl get hpa php-apache", 3).stdout).toMatch(/^php-apache +Deployment\/php-apache +cpu: 0%\/50% +1 +10 +1 +9m32s$/m);
    expect(run(r, "kubectl get deployment php-apache", 2).stdout).toMatch(/^php-apache +1\/1 +1 +1 +10m$/m);
    const describe = run(r, "kubectl describe hpa php-apache").stdout;
    expect(describe).toContain("  resource cpu on pods  (as a percentage of request):  0% (1m) / 50%\n");
    expect(describe).toContain("Deployment pods:                                       1 current / 1 desired\n");
    expect(eventRows(describe).map((e) => `${e[1]} ${e[4] ?? ""}`.trim())).toEqual([
      "SuccessfulRescale New size: 4; reason: cpu resource utilization (percentage of request) above target",
      "SuccessfulRescale New size: 5; reason:",
      "SuccessfulRescale New size: 1; reason: All metrics below target",
    ]);
  });

  it("load-generator: an open-loop rate drives the replicas up to maxReplicas", async () => {
    const r = await replay(dir("load-generator"));
    expect(r.find("podlab load start hey").stdout).toBe('load generator "hey" started: 5 requests/s to http://php-apache.default.svc.cluster.local from node node-1\n');
    expect(run(r, "kubectl get hpa php-apache").stdout).toBe(`${HPA_HEADER}\nphp-apache   Deployment/php-apache   cpu: 49%/50%   1         10        5          3m\n`);
    expect(r.find("podlab load list").stdout).toBe(
      "NAME   TARGET                                        RPS   NODE     SENT   OK    FAILED   AGE\n" + "hey    http://php-apache.default.svc.cluster.local   5     node-1   600    600   0        2m0s\n",
    );
    expect(run(r, "kubectl get hpa php-apache", 1).stdout).toMatch(/^php-apache +Deployment\/php-apache +cpu: \d+%\/50% +1 +10 +10 +6m$/m);
    const describe = r.find("kubectl describe hpa php-apache").stdout;
    expect(describe).toContain("ScalingLimited  True    TooManyReplicas   the desired replica count is more than the maximum replica count\n");
    expect(eventRows(describe).pop()).toEqual(["Normal", "SuccessfulRescale", "2m45s", "horizontal-pod-autoscaler", "New size: 10; reason: cpu resource utilization (percentage of request) above target"]);
    expect(r.all("podlab load list")[1].stdout).toMatch(/^NAME +TARGET +RPS +NODE +SENT +OK +FAILED +AGE\nhey +http:\/\/php-apache\.default\.svc\.cluster\.local +5 +node-1 +1500 +1500 +0 +5m0s\n$/);
    expect(r.find("podlab load stop hey").stdout).toBe('load generator "hey" stopped after 5m0s: 1500 requests, 1500 succeeded, 0 failed\n');
  });

  it("missing-requests: without CPU requests or a Metrics API the HPA reports why it cannot scale", async () => {
    const r = await replay(dir("missing-requests"));
    expect(r.find("kubectl get hpa web").stdout).toBe(
      "NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n" + "web    Deployment/web   cpu: <unknown>/50%   1         5         2          60s\n",
    );
    const first = run(r, "kubectl describe hpa web").stdout;
    expect(first).toContain("Deployment pods:                                       2 current / 0 desired\n");
    expect(first).toMatch(/ScalingActive {2}False {3}FailedGetResourceMetric {2}the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container nginx of Pod web-[a-z0-9]+-[a-z0-9]{5}\n/);
    const rows = eventRows(first).map((e) => `${e[1]} ${e[2]} ${e[4].replace(/web-[a-z0-9]+-[a-z0-9]{5}/, "<pod>")}`);
    expect(rows).toEqual([
      "FailedGetResourceMetric 45s failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API",
      "FailedComputeMetricsReplicas 45s invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API",
      "FailedGetResourceMetric 15s (x2 over 30s) failed to get cpu utilization: missing request for cpu in container nginx of Pod <pod>",
      "FailedComputeMetricsReplicas 15s (x2 over 30s) invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: missing request for cpu in container nginx of Pod <pod>",
    ]);
    expect(run(r, "kubectl describe hpa web", 1).stdout).toContain(
      "ScalingActive  False   FailedGetResourceMetric  the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)\n",
    );
    expect(r.find("kubectl top pod").stderr).toBe("error: Metrics API not available\n");
  });

  it("replays the walkthrough to the same output twice", async () => {
    const a = await replay(dir("hpa-walkthrough"));
    const b = await replay(dir("hpa-walkthrough"));
    expect(b.records).toEqual(a.records);
  });
});
