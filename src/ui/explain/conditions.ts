/**
 * What pod conditions, QoS classes, node conditions, taints and probe kinds mean, for learners.
 * Written from the Kubernetes documentation (Pod Lifecycle, Pod Quality of Service Classes, Nodes,
 * Taints and Tolerations, Liveness/Readiness/Startup Probes, Container Lifecycle Hooks) and the
 * articles Podlab was made from.
 */
import type { Explanation } from "./types";

const CONDITIONS = "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-conditions";
const QOS = "https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/";
const NODE = "https://kubernetes.io/docs/reference/node/node-status/#condition";
const TAINTS = "https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/";
const PROBES = "https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/";

/** Pod conditions (status.conditions), in the order a pod usually gains them. */
export const POD_CONDITIONS: Record<string, Explanation> = {
  PodScheduled: {
    title: "PodScheduled",
    summary: "The scheduler has bound the pod to a node. False with reason Unschedulable means no node could take it; the message says why, node by node.",
    docs: CONDITIONS,
  },
  PodReadyToStartContainers: {
    title: "PodReadyToStartContainers",
    summary: "The kubelet has created the pod's sandbox — the Infra (pause) container holding the network namespace — and configured its network, so containers can now be started in it.",
    docs: CONDITIONS,
  },
  Initialized: {
    title: "Initialized",
    summary: "Every init container has completed successfully (a pod without init containers is initialized at once). Until then, the app containers do not start.",
    docs: CONDITIONS,
  },
  ContainersReady: {
    title: "ContainersReady",
    summary: "Every container in the pod is ready: running, and passing its readiness probe if it has one.",
    docs: CONDITIONS,
  },
  Ready: {
    title: "Ready",
    summary: "The pod can serve requests: its containers are ready (and any readiness gates are met). Only Ready pods are added to the endpoints of the Services that select them.",
    docs: CONDITIONS,
  },
  DisruptionTarget: {
    title: "DisruptionTarget",
    summary: "The pod is about to be stopped by a disruption: preemption, an eviction, a taint it does not tolerate, or garbage collection.",
    docs: CONDITIONS,
  },
};

/** Reasons a pod condition carries. */
export const CONDITION_REASONS: Record<string, Explanation> = {
  Unschedulable: {
    title: "Unschedulable",
    summary: "The scheduler tried every node and none passed all its filters. It will try again when something in the cluster changes (a node joins, a pod leaves) or after a while.",
    docs: "https://kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler/",
  },
  SchedulingGated: {
    title: "SchedulingGated",
    summary: "The pod still has scheduling gates; the scheduler will not consider it until they are removed.",
    docs: "https://kubernetes.io/docs/concepts/scheduling-eviction/pod-scheduling-readiness/",
  },
  ContainersNotReady: {
    title: "ContainersNotReady",
    summary: "Some containers are not ready: not running yet, restarting, or failing their readiness probe. The message lists them.",
    docs: CONDITIONS,
  },
  ContainersNotInitialized: {
    title: "ContainersNotInitialized",
    summary: "Some init containers have not completed yet. The message lists them.",
    docs: CONDITIONS,
  },
  PodCompleted: {
    title: "PodCompleted",
    summary: "The pod's containers have all finished, so it will never be ready again.",
    docs: CONDITIONS,
  },
  ReadinessGatesNotReady: {
    title: "ReadinessGatesNotReady",
    summary: "The containers are ready, but a readiness gate the pod declares (a condition some other controller sets) is not True yet.",
    docs: "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-readiness-gate",
  },
};

/** The three quality-of-service classes. */
export const QOS_CLASSES: Record<string, Explanation> = {
  Guaranteed: {
    title: "Guaranteed",
    summary: "Every container sets CPU and memory limits, and its requests equal its limits. These pods are the last to be evicted when a node runs short of memory.",
    docs: QOS,
  },
  Burstable: {
    title: "Burstable",
    summary: "At least one container requests or limits CPU or memory, but the pod is not Guaranteed. It may use more than it requested, up to its limits, and is evicted after BestEffort pods.",
    docs: QOS,
  },
  BestEffort: {
    title: "BestEffort",
    summary: "No container sets any CPU or memory request or limit. The pod uses whatever the node has free and is the first to be evicted under memory pressure.",
    docs: QOS,
  },
};

/** Node conditions. */
export const NODE_CONDITIONS: Record<string, Explanation> = {
  Ready: {
    title: "Ready",
    summary: "True when the kubelet is healthy and ready to run pods. False when it is not healthy; Unknown when the node controller has heard nothing from the kubelet for the grace period (40 s by default), for example because the node is down or cut off.",
    docs: NODE,
  },
  MemoryPressure: {
    title: "MemoryPressure",
    summary: "True when the node is short of memory. The kubelet then evicts pods (BestEffort first) and the node gets a taint that keeps new pods away.",
    docs: NODE,
  },
  DiskPressure: {
    title: "DiskPressure",
    summary: "True when the node is short of disk space for images and container files. The kubelet reclaims space and may evict pods.",
    docs: NODE,
  },
  PIDPressure: {
    title: "PIDPressure",
    summary: "True when too many processes run on the node. The kubelet may evict pods.",
    docs: NODE,
  },
  NetworkUnavailable: {
    title: "NetworkUnavailable",
    summary: "True when the node's network is not correctly configured, so pods on it cannot be reached.",
    docs: NODE,
  },
};

/** Taint effects, and the taints Kubernetes itself puts on nodes. */
export const TAINTS_EXPLAINED: Record<string, Explanation> = {
  NoSchedule: {
    title: "NoSchedule",
    summary: "New pods that do not tolerate the taint are not scheduled on the node. Pods already running there stay.",
    docs: TAINTS,
  },
  PreferNoSchedule: {
    title: "PreferNoSchedule",
    summary: "The scheduler tries to avoid the node for pods that do not tolerate the taint, but uses it if there is no other choice.",
    docs: TAINTS,
  },
  NoExecute: {
    title: "NoExecute",
    summary: "Pods that do not tolerate the taint are not scheduled on the node, and those already running there are evicted (after tolerationSeconds, if their toleration sets it).",
    docs: TAINTS,
  },
  "node-role.kubernetes.io/control-plane": {
    title: "node-role.kubernetes.io/control-plane",
    summary: "Keeps ordinary workloads off the control-plane node, which runs the API server, etcd, the scheduler and the controller manager. Only pods that tolerate it (system add-ons, DaemonSets that ask to) run there.",
    docs: TAINTS,
  },
  "node.kubernetes.io/not-ready": {
    title: "node.kubernetes.io/not-ready",
    summary: "Put on a node whose Ready condition is False. Pods get a default toleration of 300 s for it, then they are evicted.",
    docs: "https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#taint-based-evictions",
  },
  "node.kubernetes.io/unreachable": {
    title: "node.kubernetes.io/unreachable",
    summary: "Put on a node the control plane cannot hear from (Ready is Unknown). Pods get a default toleration of 300 s for it, then they are evicted.",
    docs: "https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#taint-based-evictions",
  },
  "node.kubernetes.io/unschedulable": {
    title: "node.kubernetes.io/unschedulable",
    summary: "Put on a cordoned node (kubectl cordon or drain): no new pods are scheduled there.",
    docs: TAINTS,
  },
  "node.kubernetes.io/memory-pressure": { title: "node.kubernetes.io/memory-pressure", summary: "The node is short of memory; new pods (except those that tolerate it) are kept away.", docs: TAINTS },
  "node.kubernetes.io/disk-pressure": { title: "node.kubernetes.io/disk-pressure", summary: "The node is short of disk; new pods (except those that tolerate it) are kept away.", docs: TAINTS },
  "node.kubernetes.io/pid-pressure": { title: "node.kubernetes.io/pid-pressure", summary: "The node runs too many processes; new pods (except those that tolerate it) are kept away.", docs: TAINTS },
  "node.kubernetes.io/network-unavailable": { title: "node.kubernetes.io/network-unavailable", summary: "The node's network is not ready; new pods are kept away.", docs: TAINTS },
};

/** Probe kinds, container hooks and restart policies. */
export const CONTAINER_TERMS: Record<string, Explanation> = {
  liveness: {
    title: "Liveness probe",
    summary:
      "Asks whether the container is still alive. After failureThreshold failures in a row (3 by default) the kubelet kills the container, and the restart policy decides whether it starts again. It catches a program that is stuck without having crashed.",
    docs: PROBES,
  },
  readiness: {
    title: "Readiness probe",
    summary: "Asks whether the container is ready to receive traffic. While it fails, the pod is not Ready and is taken out of its Services' endpoints; the container is not restarted.",
    docs: PROBES,
  },
  startup: {
    title: "Startup probe",
    summary: "Asks whether a slow-starting program has started. Until it succeeds, the liveness and readiness probes are held back; if it fails too often, the container is killed.",
    docs: PROBES,
  },
  postStart: {
    title: "postStart hook",
    summary: "Runs right after the container is created, alongside its entrypoint. The container is not Running until the hook finishes; if the hook fails, the container is killed.",
    docs: "https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/",
  },
  preStop: {
    title: "preStop hook",
    summary: "Runs before the container is stopped (deletion, a failed liveness probe), before SIGTERM is sent. It counts against the grace period; use it to shut down gracefully.",
    docs: "https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/",
  },
  Always: { title: "restartPolicy: Always", summary: "The kubelet restarts a container whenever it stops, whatever its exit code. The default.", docs: "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy" },
  OnFailure: { title: "restartPolicy: OnFailure", summary: "The kubelet restarts a container only when it exits with a non-zero code.", docs: "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy" },
  Never: { title: "restartPolicy: Never", summary: "The kubelet never restarts a container; when all have stopped the pod is Succeeded or Failed.", docs: "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy" },
  Normal: { title: "Normal event", summary: "Something expected happened: the pod was scheduled, an image pulled, a container started." },
  Warning: { title: "Warning event", summary: "Something went wrong or may need attention: a failed probe, a back-off, a pod that cannot be scheduled." },
};
