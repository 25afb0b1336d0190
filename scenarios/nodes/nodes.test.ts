import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replay } from "../helpers";

const dir = (name: string) => join(__dirname, name);

/** The STATUS cell of a row in a kubectl table. */
function column(table: string, row: string, header: string): string {
  const lines = table.split("\n");
  const start = lines[0].indexOf(header);
  const line = lines.find((l) => l.split(/\s+/)[0] === row);
  if (!line) throw new Error(`no row ${row} in:\n${table}`);
  return line.slice(start).split(/\s{2,}/)[0].trim();
}

describe("node scenarios", () => {
  it("node-failure: Unknown after the grace period, unreachable taints, eviction after 300 s, recovery", async () => {
    const r = await replay(dir("node-failure"));
    expect(r.find("kubectl get leases").stdout).toContain("node-1          node-1          30s\n");
    const [before, after] = r.all("kubectl get nodes").slice(0, 2);
    expect(column(before.stdout, "node-1", "STATUS")).toBe("Ready");
    expect(column(after.stdout, "node-1", "STATUS")).toBe("NotReady");
    const describeNode = r.find("kubectl describe node node-1").stdout;
    expect(describeNode).toContain("Taints:             node.kubernetes.io/unreachable:NoSchedule\n");
    expect(describeNode).toMatch(/ {2}Ready {12}Unknown {3}Wed, 01 Jan 2025 00:00:\d\d \+0000 {3}Wed, 01 Jan 2025 00:01:\d\d \+0000 {3}NodeStatusUnknown {3}Kubelet stopped posting node status\.\n/);
    expect(describeNode).toContain("Normal  NodeNotReady  5s    node-controller  Node node-1 status is now: NodeNotReady\n");
    const [taints] = r.all("jsonpath={.spec.taints}");
    expect(taints.stdout).toContain('"effect":"NoExecute","key":"node.kubernetes.io/unreachable"');
    const pods = r.all("kubectl get pods -o wide -l app=web");
    const victim = pods[0].stdout.split("\n").find((l) => l.includes("node-1"))!.split(/\s+/)[0];
    expect(column(pods[1].stdout, victim, "STATUS")).toBe("Terminating");
    expect(pods[1].stdout.split("\n").filter((l) => / Running /.test(l))).toHaveLength(3);
    expect(r.find("reason=TaintManagerEviction").stdout).toContain(`Marking for deletion Pod default/${victim}`);
    expect(column(r.all("kubectl get nodes")[2].stdout, "node-1", "STATUS")).toBe("Ready");
    expect(pods[2].stdout).not.toContain(victim);
    expect(r.all("jsonpath={.spec.taints}")[1].stdout).toBe("");
    const events = r.find("involvedObject.name=node-1").stdout;
    for (const e of ["Starting kubelet.", "Node node-1 status is now: NodeReady", "Node node-1 status is now: NodeNotReady"]) expect(events).toContain(e);
  });

  it("drain-pdb: blocked by unmanaged and DaemonSet pods, refused by the budget, then drained", async () => {
    const r = await replay(dir("drain-pdb"));
    const [blocked, refused, done] = r.all("kubectl drain node-1");
    expect(blocked.exitCode).toBe(1);
    expect(blocked.stdout).toBe("node/node-1 cordoned\n");
    expect(blocked.stderr).toMatch(/^error: unable to drain node "node-1" due to error: \[cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/kube-proxy-\w{5}, cannot delete Pods that declare no controller \(use --force to override\): default\/solo\], continuing command\.\.\.\nThere are pending nodes to be drained:\n node-1\nerror: \[/);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toContain("pod/solo evicted\n");
    expect(refused.stderr).toMatch(/^Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\w{5}; deleting Pods that declare no controller: default\/solo\n/);
    expect(refused.stderr).toMatch(/error when evicting pods\/"web-\w+-\w{5}" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.\n/);
    expect(refused.stderr).toContain("global timeout reached: 12s");
    expect(r.all("kubectl get pdb web")[1].stdout).toMatch(/web {4}2 {15}N\/A {15}1 /);
    expect(done.exitCode).toBe(0);
    expect(done.stdout.match(/^pod\/web-\w+-\w{5} evicted$/gm)).toHaveLength(3);
    // One eviction at a time: the others wait for a replacement to be Ready.
    expect(done.stderr).toContain("(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.");
    expect(done.stdout.endsWith("node/node-1 drained\n")).toBe(true);
    const pods = r.find("kubectl get pods -l app=web").stdout;
    expect(pods).not.toContain("node-1");
    expect(column(r.find("kubectl get nodes").stdout, "node-1", "STATUS")).toBe("Ready,SchedulingDisabled");
  });

  it("add-remove: a node joins, is resized and removed; its pods are garbage-collected", async () => {
    const r = await replay(dir("add-remove"));
    expect(r.find("podlab node add node-4").stdout).toBe("node/node-4 added (8 CPU, 16Gi memory, 110 pods)\n");
    expect(column(r.find("kubectl get nodes").stdout, "node-4", "STATUS")).toBe("Ready");
    const d = r.find("kubectl describe node node-4").stdout;
    expect(d).toContain("Taints:             dedicated=batch:NoSchedule\n");
    expect(d).toContain("                    disk=ssd\n");
    expect(d).toContain("Normal  RegisteredNode           5s    node-controller  Node node-4 event: Registered Node node-4 in Controller\n");
    expect(r.find("jsonpath=").stdout).toBe("16  gold");
    expect(column(r.find("kubectl get pod pinned -o wide").stdout, "pinned", "NODE")).toBe("node-4");
    const [present, gone] = r.all("kubectl get pod pinned").slice(1);
    expect(column(present.stdout, "pinned", "STATUS")).toBe("Running");
    expect(gone.stderr).toBe('Error from server (NotFound): pods "pinned" not found\n');
    expect(r.find("involvedObject.kind=Node").stdout).toContain("Node node-4 event: Removing Node node-4 from Controller");
    expect(r.find("podlab node add node-1").stderr).toBe('podlab node add: node "node-1" already exists\n');
    expect(r.find("podlab node remove node-9").stderr).toBe('podlab node remove: node "node-9" not found\n');
    expect(r.all("podlab node add").at(-1)!.stderr).toBe("podlab node add: usage: podlab node add NAME [flags]\n");
  });

  it("addons: kube-system holds the static pods, kube-proxy, CoreDNS, and component statuses", async () => {
    const r = await replay(dir("addons"));
    const pods = r.find("kubectl get pods -n kube-system").stdout;
    for (const p of ["etcd-control-plane", "kube-apiserver-control-plane", "kube-controller-manager-control-plane", "kube-scheduler-control-plane"]) {
      expect(column(pods, p, "STATUS")).toBe("Running");
      expect(column(pods, p, "NODE")).toBe("control-plane");
    }
    expect(pods.match(/^kube-proxy-\w{5} +1\/1 +Running/gm)).toHaveLength(4);
    expect(pods.match(/^coredns-\w+-\w{5} +1\/1 +Running/gm)).toHaveLength(2);
    const objects = r.find("kubectl get daemonsets").stdout;
    expect(objects).toContain("daemonset.apps/kube-proxy   4         4         4       4            4           kubernetes.io/os=linux");
    expect(objects).toContain("deployment.apps/coredns   2/2     2            2");
    expect(objects).toContain("service/kube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP");
    const cs = r.find("kubectl get componentstatuses");
    expect(cs.stderr).toBe("Warning: v1 ComponentStatus is deprecated in v1.19+\n");
    expect(cs.stdout).toBe("NAME                 STATUS    MESSAGE   ERROR\ncontroller-manager   Healthy   ok        \netcd-0               Healthy   ok        \nscheduler            Healthy   ok        \n");
    expect(r.find("jsonpath=").stdout).toBe('registry.k8s.io/etcd:3.5.15-0 {"cpu":"100m","memory":"100Mi"} file');
    expect(r.find("coredns --version").stdout).toBe("CoreDNS-1.11.1\nlinux/amd64, go1.20.7, ae2bbc2\n");
  });
});
