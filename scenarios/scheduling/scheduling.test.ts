import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replay } from "../helpers";

const TAINT_CP = "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }";

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

/** The FailedScheduling line `kubectl describe` prints for a message. */
function failedScheduling(describe: string): string | undefined {
  return describe
    .split("\n")
    .find((l) => l.includes("FailedScheduling"))
    ?.replace(/^.*default-scheduler {2}/, "");
}

const dir = (name: string) => join(__dirname, name);

describe("scheduling scenarios", () => {
  it("node-selector: Pending until a node is labelled disktype=ssd, then bound there", async () => {
    const r = await replay(dir("node-selector"));
    expect(cell(r.find("kubectl get pods").stdout, "nginx", "STATUS")).toBe("Pending");
    expect(failedScheduling(r.find("kubectl describe pod nginx").stdout)).toBe(
      `0/4 nodes are available: ${TAINT_CP}, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
    expect(r.find("kubectl label nodes").stdout).toBe("node/node-1 labeled\n");
    expect(cell(r.find("kubectl get pod nginx -o wide").stdout, "nginx", "NODE")).toBe("node-1");
    expect(r.find("kubectl get events").stdout).toMatch(/Normal {4}Scheduled {10}pod\/nginx {3}Successfully assigned default\/nginx to node-1\n/);
  });

  it("memory-request: 1000Gi fits no node and stays Pending, retried after five minutes", async () => {
    const r = await replay(dir("memory-request"));
    const msg = `0/4 nodes are available: ${TAINT_CP}, 3 Insufficient memory. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`;
    expect(cell(r.find("kubectl get pod memory-demo-3").stdout, "memory-demo-3", "STATUS")).toBe("Pending");
    const [first, last] = r.all("kubectl describe pod memory-demo-3");
    expect(failedScheduling(first.stdout)).toBe(msg);
    expect(first.stdout).toMatch(/Warning {2}FailedScheduling {2}3s {4}default-scheduler/);
    expect(last.stdout).toMatch(/Warning {2}FailedScheduling {2}\d+s \(x2 over 6m3s\) {2}default-scheduler {2}0\/4 nodes are available/);
    expect(r.cluster.api.get("Pod", "mem-example", "memory-demo-3").spec.nodeName).toBeUndefined();
  });

  it("node-name: a pod naming its node skips the scheduler", async () => {
    const r = await replay(dir("node-name"));
    expect(cell(r.find("kubectl get pod pinned").stdout, "pinned", "NODE")).toBe("node-2");
    expect(r.find("kubectl get events").stdout).toBe("");
    expect(r.find("kubectl get events").stderr).toBe("No resources found in default namespace.\n");
  });

  it("taints-tolerations: NoSchedule keeps untolerating pods off, NoExecute evicts them", async () => {
    const r = await replay(dir("taints-tolerations"));
    const pods = r.find("kubectl get pods -o wide").stdout;
    expect(cell(pods, "plain", "NODE")).toBe("<none>");
    const gpuNode = cell(pods, "gpu-job", "NODE");
    expect(gpuNode).toMatch(/^node-[123]$/);
    expect(failedScheduling(r.find("kubectl describe pod plain").stdout)).toBe(
      `0/4 nodes are available: ${TAINT_CP}, 3 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
    expect(cell(r.find("kubectl get pod plain -o wide").stdout, "plain", "NODE")).toBe("node-3");
    const evictions = r.find("reason=TaintManagerEviction").stdout;
    expect(evictions).toMatch(/Normal {3}TaintManagerEviction {3}pod\/plain +Marking for deletion Pod default\/plain\n/);
    expect(evictions.includes("Marking for deletion Pod default/gpu-job")).toBe(gpuNode === "node-3");
    expect(failedScheduling(r.find("kubectl describe pod late").stdout)).toBe(
      `0/4 nodes are available: 1 node(s) had untolerated taint {maintenance: true}, ${TAINT_CP}, 2 node(s) were unschedulable. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
  });

  it("affinity: required and preferred node affinity, pod affinity and anti-affinity", async () => {
    const r = await replay(dir("affinity"));
    expect(cell(r.find("kubectl get pod cache").stdout, "cache", "NODE")).toBe("node-3");
    expect(cell(r.find("kubectl get pod web").stdout, "web", "NODE")).toBe("node-3");
    const spread = r.find("kubectl get pods -l app=spread").stdout;
    const nodes = ["spread-1", "spread-2", "spread-3"].map((p) => cell(spread, p, "NODE")).sort();
    expect(nodes).toEqual(["node-1", "node-2", "node-3"]);
    expect(cell(spread, "spread-4", "NODE")).toBe("<none>");
    expect(failedScheduling(r.find("kubectl describe pod spread-4").stdout)).toBe(
      `0/4 nodes are available: ${TAINT_CP}, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`,
    );
  });

  it("topology-spread: zones stay within maxSkew 1", async () => {
    const r = await replay(dir("topology-spread"));
    const zone = (node: string) => (node === "node-3" ? "b" : node === "<none>" ? "-" : "a");
    const [four, six] = r.all("kubectl get pods -l app=zoned");
    const zonesOf = (table: string, n: number) => Array.from({ length: n }, (_, i) => zone(cell(table, `zoned-${i + 1}`, "NODE"))).sort().join("");
    expect(zonesOf(four.stdout, 4)).toBe("aabb");
    expect(zone(cell(six.stdout, "zoned-5", "NODE"))).toBe("a");
    expect(cell(six.stdout, "zoned-6", "NODE")).toBe("<none>");
    expect(failedScheduling(r.find("kubectl describe pod zoned-6").stdout)).toBe(
      `0/4 nodes are available: ${TAINT_CP}, 1 node(s) were unschedulable, 2 node(s) didn't match pod topology spread constraints. preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.`,
    );
    expect(cell(r.find("kubectl get pod zoned-6").stdout, "zoned-6", "NODE")).toBe("node-3");
  });

  it("extended-resources: dongles are counted like cpu and memory", async () => {
    const r = await replay(dir("extended-resources"));
    expect(cell(r.find("kubectl get pod extended-resource-demo").stdout, "extended-resource-demo", "NODE")).toBe("node-1");
    expect(failedScheduling(r.find("kubectl describe pod extended-resource-demo-2").stdout)).toBe(
      `0/4 nodes are available: ${TAINT_CP}, 3 Insufficient example.com/dongle. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`,
    );
  });

  it("preemption: a high-priority pod evicts a low-priority one and waits for it, nominated to its node", async () => {
    const r = await replay(dir("preemption"));
    expect(cell(r.find("kubectl get pod low").stdout, "low", "NODE")).toBe("node-1");
    const [during, after] = r.all("kubectl get pods -o wide");
    expect(cell(during.stdout, "high", "NODE")).toBe("<none>");
    expect(cell(during.stdout, "high", "NOMINATED NODE")).toBe("node-1");
    expect(cell(during.stdout, "low", "STATUS")).toBe("Terminating");
    const fit = `0/4 nodes are available: 1 Insufficient cpu, ${TAINT_CP}, 2 node(s) didn't match Pod's node affinity/selector.`;
    const describe = r.find("kubectl describe pod high").stdout;
    expect(describe).toMatch(/^NominatedNodeName: +node-1$/m);
    expect(describe).toContain(`default-scheduler  ${fit}\n`);
    expect(describe).toContain(`default-scheduler  ${fit} preemption: not eligible due to a terminating pod on the nominated node.\n`);
    expect(after.stdout).not.toMatch(/^low /m);
    expect(cell(after.stdout, "high", "NODE")).toBe("node-1");
    const uid = r.cluster.api.get("Pod", "default", "high").metadata.uid;
    expect(r.find("reason=Preempted").stdout).toContain(`Normal   Preempted   pod/low   Preempted by pod ${uid} on node node-1\n`);
    expect(r.find("involvedObject.name=high").stdout).toMatch(/Normal {4}Scheduled {10}pod\/high {3}Successfully assigned default\/high to node-1\n/);
  });
});
