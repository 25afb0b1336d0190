/**
 * The scheduler's event handlers (pkg/scheduler/eventhandlers.go): node and pod watch events kept in
 * the cache (bound pods, nodes) or the queue (this scheduler's unbound pods), and turned into the
 * cluster events that move parked pods back — with the checks Kubernetes makes first, so that a node
 * change only wakes the pods that could run there.
 */
import type { WatchEvent } from "../store/store";
import type { SchedulerCache } from "./cache";
import { ASSIGNED_POD_ADD, ASSIGNED_POD_DELETE, assignedPodUpdateAction, isPodUpdated, NODE_ADD, NODE_DELETE, nodeUpdateEvents, storageEvent, type STORAGE_EVENT_KINDS } from "./cluster-events";
import type { DecisionStore } from "./decision-record";
import { requiredNodeAffinity } from "./node-affinity";
import type { NodeInfo, NodeObject } from "./node-info";
import type { Nominator } from "./nominator";
import { isAssigned, isTerminal, schedulerNameOf, termMatches, type PodInfo, type PodObject } from "./pod-info";
import { Action, type ClusterEvent } from "./plugin";
import { insufficientResources } from "./plugins/node-resources-fit";
import { NAME as POD_TOPOLOGY_SPREAD } from "./plugins/pod-topology-spread";
import type { SchedulingQueue } from "./queue";
import type { QueuedPodInfo } from "./queued-pod";
import { findUntoleratedTaint } from "./taints";

/** What the handlers keep up to date. */
export interface HandlerDeps {
  cache: SchedulerCache;
  queue: SchedulingQueue;
  nominator: Nominator;
  records: DecisionStore;
  schedulerName: string;
  podInfo(pod: PodObject): PodInfo;
  namespaceLabels(namespace: string): Record<string, string> | undefined;
  /** The PodInfo of the pod being bound right now, if any. */
  binding(): PodInfo | undefined;
  /** True while a pod's binding cycle waits on PreBind (the pod is assumed on its node). */
  isAssumed(key: string): boolean;
}

/** The pod and node watch handlers of one scheduler. */
export class EventHandlers {
  constructor(private readonly d: HandlerDeps) {}

  onNodeEvent(e: WatchEvent): void {
    const node = e.object as NodeObject;
    if (e.type === "DELETED") {
      this.d.cache.removeNode(node.metadata.name!);
      this.d.queue.moveAllToActiveOrBackoffQueue(NODE_DELETE);
      return;
    }
    const info = this.d.cache.upsertNode(node);
    const events: ClusterEvent[] = e.type === "ADDED" || !e.old ? [NODE_ADD] : nodeUpdateEvents(e.old as NodeObject, node);
    if (events.length === 0) return;
    const preCheck = (p: QueuedPodInfo) => this.mightFitNode(p.pod, info);
    for (const ev of events) this.d.queue.moveAllToActiveOrBackoffQueue(ev, preCheck);
  }

  /**
   * preCheckForNode: a node event only moves pods that could run there at all — enough free
   * resources, matching node affinity, name and ports, no untolerated NoSchedule taint.
   */
  private mightFitNode(pod: PodObject, node: NodeInfo): boolean {
    if (!node.node) return false;
    const p = this.d.podInfo(pod);
    if (insufficientResources(p, node).length > 0) return false;
    if (!requiredNodeAffinity(pod).match(node.node)) return false;
    if (pod.spec?.nodeName && pod.spec.nodeName !== node.name) return false;
    for (const hp of p.hostPorts) if (node.portConflicts(hp)) return false;
    return !findUntoleratedTaint(node.taints, pod.spec?.tolerations, (t) => t.effect === "NoSchedule");
  }

  onPodEvent(e: WatchEvent): void {
    const pod = e.object as PodObject;
    const old = e.old as PodObject | undefined;
    const key = `${pod.metadata.namespace ?? "default"}/${pod.metadata.name}`;
    // An assumed pod is in its binding cycle: updates wait for its outcome (updatePodInSchedulingQueue skips it).
    if (e.type !== "DELETED" && !isAssigned(pod) && this.d.isAssumed(key)) return;
    const counted = e.type !== "DELETED" && isAssigned(pod) && !isTerminal(pod);
    const wasCounted = this.d.cache.hasPod(key);

    // Assigned pods: the cache.
    if (counted) {
      const existing = this.d.cache.podInfo(key);
      // Status-only writes (the kubelet's) keep spec and labels: refresh the pod, recount nothing.
      const unchanged = existing && existing.pod.spec === pod.spec && existing.pod.metadata.labels === pod.metadata.labels;
      if (unchanged) this.d.cache.refreshPod(existing, pod);
      // The pod just bound keeps the PodInfo its cycle computed: binding changes only spec.nodeName.
      const binding = this.d.binding();
      const reuse = !existing && binding && binding.uid === pod.metadata.uid ? { ...binding, pod } : undefined;
      const info = unchanged ? existing : this.d.cache.upsertPod(pod, reuse);
      this.d.queue.delete(key);
      this.d.nominator.delete(key);
      if (!wasCounted) this.assignedPodAdded(info);
      // Any other update (a status write, a deletion mark) is the generic AssignedPodUpdate event.
      else if (old) this.assignedPodUpdated(info, { resource: "Pod", action: assignedPodUpdateAction(old, pod) || Action.Update, label: "AssignedPodUpdate" });
      return;
    }
    if (wasCounted) {
      this.d.cache.removePod(key);
      this.d.queue.moveAllToActiveOrBackoffQueue(ASSIGNED_POD_DELETE);
    }

    // Unassigned pods of this scheduler: the queue.
    const ours = !isAssigned(pod) && !isTerminal(pod) && schedulerNameOf(pod) === this.d.schedulerName;
    if (e.type === "DELETED" || !ours) {
      this.d.queue.delete(key);
      this.d.nominator.delete(key);
      if (e.type === "DELETED") this.d.records.delete(key);
      return;
    }
    if (pod.status?.nominatedNodeName || this.d.nominator.nodeFor(key) !== undefined) this.d.nominator.set(this.d.podInfo(pod), pod.status?.nominatedNodeName);
    if (e.type === "ADDED" || !old) this.d.queue.add(pod);
    else if (old.metadata.resourceVersion !== pod.metadata.resourceVersion) this.d.queue.update(old, pod, isPodUpdated(old, pod));
  }

  /** A PersistentVolumeClaim, PersistentVolume or StorageClass changed: pods the volume plugins rejected may fit. */
  onStorageEvent(kind: (typeof STORAGE_EVENT_KINDS)[number], e: WatchEvent): void {
    this.d.queue.moveAllToActiveOrBackoffQueue(storageEvent(kind, e.type));
  }

  /** AssignedPodAdded: only pods with affinity to the new pod, or waiting on topology spread, may now fit. */
  private assignedPodAdded(pod: PodInfo): void {
    this.d.queue.movePods(this.crossTopologyPods(pod), ASSIGNED_POD_ADD);
  }

  private assignedPodUpdated(pod: PodInfo, event: ClusterEvent): void {
    if (event.action & Action.UpdatePodScaleDown) this.d.queue.moveAllToActiveOrBackoffQueue(event);
    else this.d.queue.movePods(this.crossTopologyPods(pod), event);
  }

  /** getUnschedulablePodsWithCrossTopologyTerm. */
  private crossTopologyPods(pod: PodInfo): QueuedPodInfo[] {
    const out: QueuedPodInfo[] = [];
    let nsLabels: Record<string, string> | undefined;
    for (const p of this.d.queue.parkedPods()) {
      if (p.unschedulablePlugins.has(POD_TOPOLOGY_SPREAD) && p.pod.metadata.namespace === pod.namespace) {
        out.push(p);
        continue;
      }
      const terms = p.pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
      if (!terms || terms.length === 0) continue;
      nsLabels ??= this.d.namespaceLabels(pod.namespace);
      if (this.d.podInfo(p.pod).requiredAffinityTerms.some((t) => termMatches(t, pod, nsLabels))) out.push(p);
    }
    return out;
  }
}
