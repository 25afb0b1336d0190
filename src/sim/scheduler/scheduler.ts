/**
 * The simulated kube-scheduler: watches pods and nodes, keeps the cache and the scheduling queue, and
 * schedules one pod per cycle — the default profile's plugins decide, DefaultBinder binds, and a
 * failure becomes the pod's PodScheduled=False condition and a FailedScheduling event with
 * Kubernetes' message. Every attempt is recorded node by node and plugin by plugin (`recordFor`).
 */
import type { Cluster, Component } from "../cluster";
import type { TimerHandle } from "../clock";
import type { KObject } from "../api/types";
import { SchedulerCache } from "./cache";
import type { SpreadCounts } from "./spread-counts";
import { CycleState } from "./cycle-state";
import { DecisionStore, expandRecord, type AttemptRecord, type SchedulingDecision } from "./decision-record";
import { EventHandlers } from "./event-handlers";
import { fitErrorMessage, truncateMessage } from "./fit-error";
import { Framework } from "./framework";
import type { NodeInfo, NodeObject } from "./node-info";
import { Nominator } from "./nominator";
import { isAssigned, newPodInfo, type PodInfo, type PodObject } from "./pod-info";
import type { Handle } from "./plugin";
import { SchedulingQueue, type QueueName } from "./queue";
import type { QueuedPodInfo } from "./queued-pod";
import { DEFAULT_PROFILE, DEFAULT_SCHEDULER_NAME, PERCENTAGE_OF_NODES_TO_SCORE, type EnabledPlugin } from "./registry";
import { schedulePod, NO_NODES_AVAILABLE, type AlgorithmContext } from "./schedule-one";
import type { Status } from "./status";
import { STORAGE_EVENT_KINDS } from "./cluster-events";

const ACTOR = "kube-scheduler";

/** Options of the scheduler component. */
export interface SchedulerOptions {
  profile?: readonly EnabledPlugin[];
  schedulerName?: string;
  /** 0 = adaptive, as Kubernetes' default. */
  percentageOfNodesToScore?: number;
  /** How many pods' latest attempts the decision record keeps. */
  recordLimit?: number;
}

/** The message of the PodScheduled condition Kubernetes gives a pod waiting on scheduling gates. */
export const SCHEDULING_GATED_MESSAGE = "Scheduling is blocked due to non-empty scheduling gates";

/** The kube-scheduler component (name "kube-scheduler"); also the Handle its plugins use. */
export class Scheduler implements Component, Handle {
  readonly name = "kube-scheduler";
  cluster!: Cluster;
  readonly schedulerName: string;
  private cache!: SchedulerCache;
  private queue!: SchedulingQueue;
  private framework!: Framework;
  private readonly nominator = new Nominator();
  private readonly records: DecisionStore;
  private algorithm!: AlgorithmContext;
  private loop: TimerHandle | undefined;
  /** The pod being bound, whose PodInfo the cache reuses when the binding comes back through the watch. */
  private binding: PodInfo | undefined;
  /** Pods whose binding cycle waits on PreBind: counted on their node in the cache until it ends. */
  private readonly assumed = new Set<string>();

  constructor(private readonly options: SchedulerOptions = {}) {
    this.schedulerName = options.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.records = new DecisionStore(options.recordLimit ?? 10_000);
  }

  start(cluster: Cluster): void {
    this.cluster = cluster;
    this.cache = new SchedulerCache((c) => this.classPriority(c));
    this.framework = new Framework(this.options.profile ?? DEFAULT_PROFILE, this, this.nominator);
    const t = cluster.timings;
    this.queue = new SchedulingQueue({
      clock: cluster.clock,
      podInitialBackoff: t.podInitialBackoff,
      podMaxBackoff: t.podMaxBackoff,
      maxInUnschedulable: t.unschedulableFlush,
      backoffFlushInterval: Number(t.schedulerBackoffFlushInterval ?? 1_000),
      unschedulableFlushInterval: Number(t.schedulerUnschedulableFlushInterval ?? 30_000),
      less: this.framework.less,
      preEnqueue: (pod) => this.framework.runPreEnqueue(pod),
      interests: this.framework.interests,
      priorityOf: (pod) => this.priorityOf(pod),
      onActive: () => this.kick(),
      onMove: (p, queue, event) => this.onQueueMove(p, queue, event),
    });
    this.algorithm = {
      framework: this.framework,
      nodeList: () => this.cache.nodeList(),
      node: (n) => this.cache.node(n),
      random: cluster.random,
      nextStartNodeIndex: 0,
      percentageOfNodesToScore: this.options.percentageOfNodesToScore ?? PERCENTAGE_OF_NODES_TO_SCORE,
    };
    // The informers' initial list, then their watches.
    const handlers = new EventHandlers({
      cache: this.cache,
      queue: this.queue,
      nominator: this.nominator,
      records: this.records,
      schedulerName: this.schedulerName,
      podInfo: (pod) => this.podInfo(pod),
      namespaceLabels: (ns) => this.namespaceLabels(ns),
      binding: () => this.binding,
      isAssumed: (key) => this.assumed.has(key),
    });
    for (const n of cluster.store.each("Node")) this.cache.upsertNode(n as NodeObject);
    for (const p of cluster.store.each("Pod")) handlers.onPodEvent({ type: "ADDED", kind: "Pod", object: p, actor: "", time: 0, resourceVersion: 0 });
    cluster.api.watch("Node", (e) => handlers.onNodeEvent(e));
    cluster.api.watch("Pod", (e) => handlers.onPodEvent(e));
    for (const kind of STORAGE_EVENT_KINDS) cluster.api.watch(kind, (e) => handlers.onStorageEvent(kind, e));
  }

  // ---- the public face ----------------------------------------------------------------------

  /** The latest scheduling attempt of a pod, node by node and plugin by plugin. */
  recordFor(namespace: string, name: string): SchedulingDecision | undefined {
    const r = this.records.get(`${namespace}/${name}`);
    return r ? expandRecord(r) : undefined;
  }

  /** Which queue a pending pod waits in. */
  queueOf(namespace: string, name: string): QueueName | undefined {
    return this.queue.whereIs(`${namespace}/${name}`);
  }

  /** Pending pods by queue. */
  pendingPods(): Record<QueueName, string[]> {
    return this.queue.pendingPods();
  }

  /** The scheduler's view of a node: what its pods request, against its allocatable. */
  nodeInfo(name: string): NodeInfo | undefined {
    return this.cache.node(name);
  }

  // ---- Handle -------------------------------------------------------------------------------

  nodeList(): readonly NodeInfo[] {
    return this.cache.nodeList();
  }

  node(name: string): NodeInfo | undefined {
    return this.cache.node(name);
  }

  havePodsWithAffinity(): NodeInfo[] {
    return this.cache.havePodsWithAffinity();
  }

  spreadCounts(): SpreadCounts {
    return this.cache.spreadCounts;
  }

  havePodsWithRequiredAntiAffinity(): NodeInfo[] {
    return this.cache.havePodsWithRequiredAntiAffinity();
  }

  namespaceLabels(namespace: string): Record<string, string> | undefined {
    return this.cluster.store.get("Namespace", undefined, namespace)?.metadata.labels;
  }

  podInfo(pod: PodObject): PodInfo {
    return newPodInfo(pod, (c) => this.classPriority(c));
  }

  nominatedPodsFor(nodeName: string): readonly PodInfo[] {
    return this.nominator.podsFor(nodeName);
  }

  runFilterWithNominatedPods(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    return this.framework.runFilterWithNominatedPods(state, pod, node);
  }

  runPreFilterAddPod(state: CycleState, pod: PodInfo, add: PodInfo, node: NodeInfo): void {
    this.framework.runPreFilterAddPod(state, pod, add, node);
  }

  runPreFilterRemovePod(state: CycleState, pod: PodInfo, remove: PodInfo, node: NodeInfo): void {
    this.framework.runPreFilterRemovePod(state, pod, remove, node);
  }

  // ---- priority -----------------------------------------------------------------------------

  /** spec.priority, or (when admission has not set it) the value of its PriorityClass. */
  priorityOf(pod: PodObject): number {
    return pod.spec?.priority ?? this.classPriority(pod.spec?.priorityClassName);
  }

  private classPriority(className: string | undefined): number {
    if (className) return this.cluster.store.get("PriorityClass", undefined, className)?.value ?? 0;
    for (const pc of this.cluster.store.each("PriorityClass")) if (pc.globalDefault) return pc.value ?? 0;
    return 0;
  }

  private onQueueMove(p: QueuedPodInfo, queue: QueueName, event: string): void {
    if (p.gatedBy && queue === "unschedulablePods") this.recordGated(p);
    const trace = this.cluster.trace;
    if (trace.active) trace.emit({ time: this.cluster.clock.now, component: ACTOR, action: "enqueue", object: ref(p.pod), detail: { queue, event } });
  }

  // ---- the scheduling loop ------------------------------------------------------------------

  /** Wakes the loop: the next pod is popped one scheduling-cycle delay from now. */
  private kick(): void {
    if (this.loop || this.queue.activeCount === 0) return;
    this.loop = this.cluster.clock.after(this.cluster.timing("schedulingCycle"), () => {
      this.loop = undefined;
      this.scheduleOne();
      this.kick();
    }, "kube-scheduler scheduling cycle");
  }

  /** ScheduleOne: pops a pod, runs the cycle, binds or handles the failure. */
  scheduleOne(): void {
    const qpi = this.queue.pop();
    if (!qpi) return;
    const cycle = this.queue.schedulingCycle;
    const current = this.cluster.store.get("Pod", qpi.pod.metadata.namespace, qpi.pod.metadata.name!) as PodObject | undefined;
    if (!current || isAssigned(current)) return;
    const { events, clock, trace } = this.cluster;
    if (current.metadata.deletionTimestamp) {
      events.record(current, "Warning", "FailedScheduling", `skip schedule deleting pod: ${qpi.key}`, { component: this.schedulerName });
      return;
    }
    qpi.pod = current;
    const pod = this.podInfo(current);
    const state = new CycleState();
    const rec = newRecord(pod, qpi.attempts, clock.now);
    if (trace.active) trace.emit({ time: clock.now, component: ACTOR, action: "schedule", object: ref(current), detail: { attempt: qpi.attempts } });

    const outcome = schedulePod(this.algorithm, state, pod, rec);
    if (outcome.kind === "scheduled") {
      rec.outcome = "Scheduled";
      rec.selectedNode = outcome.node;
      this.records.put(qpi.key, rec);
      const reserved = this.framework.runReserve(state, pod, outcome.node);
      if (reserved) {
        this.framework.runUnreserve(state, pod, outcome.node);
        rec.outcome = "Error";
        rec.message = reserved.message;
        this.handleFailure(qpi, cycle, "SchedulerError", reserved.message, new Set(), undefined);
        return;
      }
      // The binding cycle: PreBind may wait (volumes being bound); the pod is then assumed on the node.
      let waiting = false;
      let settled: { status: Status | null } | undefined;
      this.framework.runPreBind(state, pod, outcome.node, (status) => {
        if (waiting) this.finishBinding(qpi, cycle, state, pod, rec, outcome, status);
        else settled = { status };
      });
      if (settled) {
        this.finishBinding(qpi, cycle, state, pod, rec, outcome, settled.status);
        return;
      }
      waiting = true;
      this.assumed.add(qpi.key);
      this.cache.upsertPod({ ...current, spec: { ...current.spec, nodeName: outcome.node } } as PodObject, pod);
      return;
    }
    if (outcome.kind === "error") {
      rec.outcome = "Error";
      rec.message = outcome.message;
      this.records.put(qpi.key, rec);
      this.handleFailure(qpi, cycle, "SchedulerError", outcome.message, new Set(), "");
      return;
    }
    rec.outcome = "Unschedulable";
    if (outcome.kind === "noNodes") {
      rec.message = NO_NODES_AVAILABLE;
      this.records.put(qpi.key, rec);
      this.handleFailure(qpi, cycle, "Unschedulable", NO_NODES_AVAILABLE, new Set(), "");
      return;
    }
    const { failure } = outcome;
    const post = this.framework.runPostFilter(state, pod, failure.statuses);
    if (post.plugin) rec.postFilter = { plugin: post.plugin, code: post.status ? post.status.code : "Success", reasons: post.status ? [...post.status.reasons] : [] };
    rec.nominatedNode = post.nominatedNodeName || undefined;
    const message = fitErrorMessage({ ...failure, postFilterMsg: post.status?.message });
    rec.message = message;
    this.records.put(qpi.key, rec);
    this.handleFailure(qpi, cycle, "Unschedulable", message, failure.unschedulablePlugins, post.nominatedNodeName);
  }

  /** The end of a binding cycle: PreBind's verdict, then Bind, the Scheduled event, or the failure. */
  private finishBinding(qpi: QueuedPodInfo, cycle: number, state: CycleState, pod: PodInfo, rec: AttemptRecord, outcome: { node: string; evaluatedNodes: number; feasibleNodes: number }, preBind: Status | null): void {
    const { events, clock, trace } = this.cluster;
    if (this.assumed.delete(qpi.key)) this.cache.removePod(qpi.key);
    if (preBind) {
      this.framework.runUnreserve(state, pod, outcome.node);
      rec.outcome = "Error";
      rec.message = preBind.message;
      this.handleFailure(qpi, cycle, "SchedulerError", preBind.message, new Set(), undefined);
      return;
    }
    this.binding = pod;
    const bound = this.framework.runBind(pod, outcome.node);
    this.binding = undefined;
    if (bound) {
      this.framework.runUnreserve(state, pod, outcome.node);
      rec.outcome = "Error";
      rec.message = `binding rejected: ${bound.message}`;
      this.handleFailure(qpi, cycle, "SchedulerError", rec.message, new Set(), undefined);
      return;
    }
    const current = qpi.pod;
    events.record(current, "Normal", "Scheduled", `Successfully assigned ${qpi.key} to ${outcome.node}`, { component: this.schedulerName });
    if (trace.active) trace.emit({ time: clock.now, component: ACTOR, action: "bind", object: ref(current), detail: { node: outcome.node, evaluatedNodes: outcome.evaluatedNodes, feasibleNodes: outcome.feasibleNodes } });
  }

  /**
   * handleSchedulingFailure: back to the queue (parked, or backing off), the nomination noted, a
   * FailedScheduling event, and the PodScheduled=False condition (written only when it changes).
   */
  private handleFailure(qpi: QueuedPodInfo, cycle: number, reason: string, message: string, plugins: Set<string>, nominated: string | undefined): void {
    const { api, events, clock, trace } = this.cluster;
    const current = api.tryGet<PodObject>("Pod", qpi.pod.metadata.namespace, qpi.pod.metadata.name!);
    if (!current || isAssigned(current)) return;
    qpi.pod = current;
    qpi.unschedulablePlugins = plugins;
    this.queue.addUnschedulableIfNotPresent(qpi, cycle);
    if (nominated !== undefined) this.nominator.set(this.podInfo(current), nominated);
    events.record(current, "Warning", "FailedScheduling", truncateMessage(message), { component: this.schedulerName });
    if (trace.active) trace.emit({ time: clock.now, component: ACTOR, action: "unschedulable", object: ref(current), detail: { reason, message, nominatedNodeName: nominated } });
    this.updatePodScheduledCondition(current, "False", reason, message, nominated);
  }

  private updatePodScheduledCondition(pod: PodObject, status: string, reason: string, message: string, nominated: string | undefined): void {
    const conditions = pod.status?.conditions ?? [];
    const old = conditions.find((c) => c.type === "PodScheduled");
    const sameCondition = old && old.status === status && old.reason === reason && old.message === message;
    const nominationChanges = nominated !== undefined && (pod.status?.nominatedNodeName ?? "") !== nominated;
    if (sameCondition && !nominationChanges) return;
    const now = this.cluster.clock.timestamp();
    const condition = { type: "PodScheduled", status, lastProbeTime: null, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now, reason, message };
    const next = [...conditions.filter((c) => c.type !== "PodScheduled"), condition];
    const nextStatus: Record<string, unknown> = { ...pod.status, conditions: next };
    if (nominationChanges) nextStatus.nominatedNodeName = nominated || undefined;
    this.cluster.api.updateStatus({ ...pod, status: nextStatus } as KObject, { actor: ACTOR });
  }

  /** A gated pod: recorded, and given the SchedulingGated condition if the API server did not. */
  private recordGated(p: QueuedPodInfo): void {
    const rec = newRecord(this.podInfo(p.pod), p.attempts, this.cluster.clock.now);
    rec.outcome = "SchedulingGated";
    rec.message = p.gatedMessage;
    rec.order = [];
    this.records.put(p.key, rec);
    if (p.pod.status?.conditions?.some((c) => c.type === "PodScheduled")) return;
    // Written on the next tick: a watch handler must not write (other watchers would see events out of order).
    this.cluster.clock.after(0, () => {
      const current = this.cluster.api.tryGet<PodObject>("Pod", p.pod.metadata.namespace, p.pod.metadata.name!);
      if (!current || isAssigned(current) || (current.spec?.schedulingGates ?? []).length === 0) return;
      if (current.status?.conditions?.some((c) => c.type === "PodScheduled")) return;
      this.updatePodScheduledCondition(current, "False", "SchedulingGated", SCHEDULING_GATED_MESSAGE, undefined);
    }, "kube-scheduler gated condition");
  }
}

function newRecord(pod: PodInfo, attempt: number, time: number): AttemptRecord {
  return {
    namespace: pod.namespace,
    name: pod.name,
    uid: pod.uid,
    attempt,
    time,
    outcome: "Unschedulable",
    order: [],
    windowStart: 0,
    windowLength: 0,
    numAllNodes: 0,
    rejected: new Map(),
    feasible: 0,
    filterPlugins: [],
    skippedFilters: new Set(),
    preFilter: [],
    skippedScorePlugins: [],
    scoresTruncated: false,
  };
}

function ref(pod: KObject): { kind: string; namespace: string; name: string } {
  return { kind: "Pod", namespace: pod.metadata.namespace ?? "", name: pod.metadata.name ?? "" };
}
