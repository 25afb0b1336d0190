/**
 * The node table (printNode): NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE
 * KERNEL-VERSION CONTAINER-RUNTIME. STATUS is Ready / NotReady / Unknown from the Ready condition,
 * with ",SchedulingDisabled" for a cordoned node; ROLES come from node-role.kubernetes.io/<role>
 * labels and the kubernetes.io/role label.
 */
import type { Node } from "kubernetes-types/core/v1";
import type { KObject } from "../../../api/types";
import { age, AGE, NAME, wide, type Cell, type PrintContext, type TableDef } from "./types";

const LABEL_NODE_ROLE_PREFIX = "node-role.kubernetes.io/";
const NODE_LABEL_ROLE = "kubernetes.io/role";

/** findNodeRoles: the sorted set of a node's roles. */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && v !== "") {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

/** The STATUS cell of a node. */
export function nodeStatus(node: Node): string {
  const status: string[] = [];
  const ready = (node.status?.conditions ?? []).find((c) => c.type === "Ready");
  if (ready) status.push(ready.status === "True" ? "Ready" : "NotReady");
  if (status.length === 0) status.push("Unknown");
  if (node.spec?.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}

function address(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? "<none>";
}

export const nodeTable: TableDef = {
  columns: [NAME, { name: "Status" }, { name: "Roles" }, AGE, { name: "Version" }, ...wide("Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime")],
  row(obj: KObject, ctx: PrintContext): Cell[] {
    const node = obj as Node;
    const info = node.status?.nodeInfo;
    const roles = findNodeRoles(node).join(",") || "<none>";
    return [
      node.metadata?.name ?? "",
      nodeStatus(node),
      roles,
      age(obj, ctx),
      info?.kubeletVersion ?? "",
      address(node, "InternalIP"),
      address(node, "ExternalIP"),
      info?.osImage || "<unknown>",
      info?.kernelVersion || "<unknown>",
      info?.containerRuntimeVersion || "<unknown>",
    ];
  },
};
