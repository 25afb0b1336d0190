/**
 * Which scheduling-relevant change an object update is (pkg/scheduler/eventhandlers.go and
 * framework/events.go): node updates split into allocatable, label, taint, condition and annotation
 * changes (a heartbeat alone is none of them), pod updates into label, scale-down, toleration and
 * scheduling-gate changes.
 */
import type { Node, NodeCondition, Pod } from "kubernetes-types/core/v1";
import { deepEqual } from "../util/object";
import { podRequests } from "./resources";
import { Action, type ClusterEvent } from "./plugin";

/** The events of nodes and assigned pods coming and going, as the queue is told them. */
export const NODE_ADD: ClusterEvent = { resource: "Node", action: Action.Add, label: "NodeAdd" };
export const NODE_DELETE: ClusterEvent = { resource: "Node", action: Action.Delete, label: "NodeDelete" };
export const ASSIGNED_POD_ADD: ClusterEvent = { resource: "Pod", action: Action.Add, label: "AssignedPodAdd" };
export const ASSIGNED_POD_DELETE: ClusterEvent = { resource: "Pod", action: Action.Delete, label: "AssignedPodDelete" };

/** The storage kinds whose changes may make a pod rejected by a volume plugin schedulable. */
export const STORAGE_EVENT_KINDS = ["PersistentVolumeClaim", "PersistentVolume", "StorageClass"] as const;

const STORAGE_LABELS: Record<(typeof STORAGE_EVENT_KINDS)[number], string> = { PersistentVolumeClaim: "Pvc", PersistentVolume: "Pv", StorageClass: "StorageClass" };

/** The cluster event of a storage object's watch event ("PvcAdd", "PvUpdate", "StorageClassAdd", ...). */
export function storageEvent(kind: (typeof STORAGE_EVENT_KINDS)[number], type: "ADDED" | "MODIFIED" | "DELETED"): ClusterEvent {
  const action = type === "ADDED" ? Action.Add : type === "DELETED" ? Action.Delete : Action.Update;
  const verb = type === "ADDED" ? "Add" : type === "DELETED" ? "Delete" : "Update";
  return { resource: kind, action, label: `${STORAGE_LABELS[kind]}${verb}` };
}

/** nodeSchedulingPropertiesChange: the events a node update amounts to (none for a heartbeat). */
export function nodeUpdateEvents(old: Node, node: Node): ClusterEvent[] {
  const events: ClusterEvent[] = [];
  if (!!old.spec?.unschedulable !== !!node.spec?.unschedulable) {
    events.push({ resource: "Node", action: Action.UpdateNodeTaint, label: "NodeSpecUnschedulableChange" });
  }
  if (!deepEqual(old.status?.allocatable, node.status?.allocatable)) events.push({ resource: "Node", action: Action.UpdateNodeAllocatable, label: "NodeAllocatableChange" });
  if (!deepEqual(old.metadata?.labels, node.metadata?.labels)) events.push({ resource: "Node", action: Action.UpdateNodeLabel, label: "NodeLabelChange" });
  if (!deepEqual(old.spec?.taints ?? [], node.spec?.taints ?? [])) events.push({ resource: "Node", action: Action.UpdateNodeTaint, label: "NodeTaintChange" });
  if (!deepEqual(conditionStatuses(old.status?.conditions), conditionStatuses(node.status?.conditions))) {
    events.push({ resource: "Node", action: Action.UpdateNodeCondition, label: "NodeConditionChange" });
  }
  if (!deepEqual(old.metadata?.annotations, node.metadata?.annotations)) events.push({ resource: "Node", action: Action.UpdateNodeAnnotation, label: "NodeAnnotationChange" });
  return events;
}

/** Conditions compared by type and status only: heartbeat and transition times do not count. */
function conditionStatuses(conditions: NodeCondition[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of conditions ?? []) out[c.type] = c.status;
  return out;
}

/**
 * isPodUpdated: the pod changed beyond its status and bookkeeping (resourceVersion, generation,
 * managedFields) — the scheduler's own condition writes do not count.
 */
export function isPodUpdated(old: Pod, pod: Pod): boolean {
  if (old.spec !== pod.spec && !deepEqual(old.spec, pod.spec)) return true;
  const a = old.metadata ?? {};
  const b = pod.metadata ?? {};
  if (a.labels !== b.labels && !deepEqual(a.labels, b.labels)) return true;
  if (a.annotations !== b.annotations && !deepEqual(a.annotations, b.annotations)) return true;
  if (a.ownerReferences !== b.ownerReferences && !deepEqual(a.ownerReferences, b.ownerReferences)) return true;
  return a.deletionTimestamp !== b.deletionTimestamp;
}

/** The action bits of an assigned pod's update (PodSchedulingPropertiesChange), or 0 when nothing relevant changed. */
export function assignedPodUpdateAction(old: Pod, pod: Pod): number {
  let action = 0;
  if (!deepEqual(old.metadata?.labels, pod.metadata?.labels)) action |= Action.UpdatePodLabel;
  if (old.spec !== pod.spec) {
    const before = podRequests(old);
    const after = podRequests(pod);
    if (after.milliCPU < before.milliCPU || after.memory < before.memory || after.ephemeralStorage < before.ephemeralStorage) action |= Action.UpdatePodScaleDown;
    if (!deepEqual(old.spec?.tolerations, pod.spec?.tolerations)) action |= Action.UpdatePodTolerations;
  }
  return action;
}
