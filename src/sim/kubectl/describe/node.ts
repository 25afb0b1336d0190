/**
 * `kubectl describe node` (describeNode): roles, labels, annotations, taints, the node's Lease,
 * conditions, addresses, capacity and allocatable, system info, pod CIDRs, the Non-terminated Pods
 * table with each pod's share of the node, Allocated resources (percentages truncated as kubectl
 * computes them) and events.
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import { canonicalQuantity, milliCPU, parseQuantity } from "../../api/quantity";
import type { KObject } from "../../api/types";
import { findNodeRoles } from "../printers/columns/node";
import { rfc1123z, since } from "../printers/duration";
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, searchEvents, type DescribeContext } from "./helpers";
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from "./prefix-writer";
import { amountString, podRequestsAndLimits, sumPods, type Amount } from "./resources";

const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);

export function describeNode(obj: KObject, ctx: DescribeContext): string {
  const node = obj as Node;
  const name = node.metadata?.name ?? "";
  const pods = (ctx.cluster.store.list("Pod") as Pod[])
    .filter((p) => p.spec?.nodeName === name && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed")
    .sort((a, b) => {
      const ka = `${a.metadata?.namespace}/${a.metadata?.name}`;
      const kb = `${b.metadata?.namespace}/${b.metadata?.name}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    const roles = findNodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(",") : "<none>"}\n`);
    printLabelsMultiline(w, "Labels", node.metadata?.labels);
    printAnnotationsMultiline(w, "Annotations", node.metadata?.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata?.creationTimestamp)}\n`);
    printTaintsMultiline(w, "Taints", node.spec?.taints);
    w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
    const lease = ctx.cluster.store.get("Lease", "kube-node-lease", name);
    if (lease) {
      w.write(LEVEL_0, "Lease:\n");
      w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? "<unset>"}\n`);
      w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : "<unset>"}\n`);
      w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : "<unset>"}\n`);
    } else {
      w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
    }
    const conditions = node.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n");
      for (const c of conditions) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`);
      }
    }
    w.write(LEVEL_0, "Addresses:\n");
    for (const a of node.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    const printResources = (list: Record<string, string>) => {
      for (const r of Object.keys(list).sort()) w.write(LEVEL_0, `  ${r}:\t${canonicalQuantity(list[r]) ?? list[r]}\n`);
    };
    const capacity = node.status?.capacity ?? {};
    const allocatableList = node.status?.allocatable ?? {};
    if (Object.keys(capacity).length > 0) {
      w.write(LEVEL_0, "Capacity:\n");
      printResources(capacity);
    }
    if (Object.keys(allocatableList).length > 0) {
      w.write(LEVEL_0, "Allocatable:\n");
      printResources(allocatableList);
    }
    const info = node.status?.nodeInfo;
    w.write(LEVEL_0, "System Info:\n");
    w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ""}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ""}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ""}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ""}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ""}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ""}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ""}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ""}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ""}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ""}\n`);
    if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
    if ((node.spec?.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${node.spec!.podCIDRs!.join(",")}\n`);
    if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
    const allocatable = Object.keys(allocatableList).length > 0 ? allocatableList : capacity;
    describeNodeResource(pods, allocatable, w, ctx);
    if (ctx.settings.showEvents) {
      // Controllers report node events under the node's uid, the kubelet under its name.
      const events = [...searchEvents(ctx.cluster, obj), ...searchEvents(ctx.cluster, obj, { uid: name })];
      describeEvents([...new Set(events)], w, ctx.clock);
    }
  });
}

function fraction(used: Amount | undefined, total: number): number {
  if (!total) return 0;
  return Math.trunc(((used?.value ?? 0) / total) * 100);
}

/** describeNodeResource. */
function describeNodeResource(pods: Pod[], allocatable: Record<string, string>, w: PrefixWriter, ctx: DescribeContext): void {
  const cpu = milliCPU(allocatable.cpu ?? "0");
  const memory = parseQuantity(allocatable.memory ?? "0") ?? 0;
  const storage = parseQuantity(allocatable["ephemeral-storage"] ?? "0") ?? 0;
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(LEVEL_1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    const cr = requests.get("cpu");
    const cl = limits.get("cpu");
    const mr = requests.get("memory");
    const ml = limits.get("memory");
    // kubectl has no zero check on these per-pod rows; a node without allocatable CPU or memory shows 0% here.
    w.write(
      LEVEL_1,
      `${pod.metadata?.namespace ?? ""}\t${pod.metadata?.name ?? ""}\t\t${amountString("cpu", cr)} (${fraction(cr, cpu)}%)\t${amountString("cpu", cl)} (${fraction(cl, cpu)}%)\t${amountString("memory", mr)} (${fraction(mr, memory)}%)\t${amountString("memory", ml)} (${fraction(ml, memory)}%)\t${since(ctx.clock, pod.metadata?.creationTimestamp)}\n`,
    );
  }
  w.write(LEVEL_0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(LEVEL_1, "Resource\tRequests\tLimits\n");
  w.write(LEVEL_1, "--------\t--------\t------\n");
  const reqs = sumPods(pods, "requests");
  const lims = sumPods(pods, "limits");
  const row = (name: string, total: number) =>
    w.write(LEVEL_1, `${name}\t${amountString(name, reqs.get(name))} (${fraction(reqs.get(name), total)}%)\t${amountString(name, lims.get(name))} (${fraction(lims.get(name), total)}%)\n`);
  row("cpu", cpu);
  row("memory", memory);
  row("ephemeral-storage", storage);
  const hugePages = Object.keys(allocatable).filter((r) => r.startsWith("hugepages-")).sort();
  for (const r of hugePages) row(r, parseQuantity(allocatable[r]) ?? 0);
  const extended = Object.keys(allocatable)
    .filter((r) => !r.startsWith("hugepages-") && !STANDARD_CONTAINER_RESOURCES.has(r) && r !== "pods")
    .sort();
  for (const r of extended) w.write(LEVEL_1, `${r}\t${amountString(r, reqs.get(r))}\t${amountString(r, lims.get(r))}\n`);
}
