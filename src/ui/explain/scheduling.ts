/**
 * What the scheduler's plugins check and what their verdicts mean, for learners reading "why is
 * this pod Pending?". Written from the Kubernetes documentation (Scheduling Framework, Scheduler
 * Configuration's plugin list, Resource Management, Taints and Tolerations).
 */
import type { Explanation } from "./types";

const PLUGINS = "https://kubernetes.io/docs/reference/scheduling/config/#scheduling-plugins";

/** The default profile's plugins. */
export const SCHEDULER_PLUGINS: Record<string, Explanation> = {
  NodeUnschedulable: { title: "NodeUnschedulable", summary: "Rejects nodes that are cordoned (spec.unschedulable), unless the pod tolerates the unschedulable taint.", docs: PLUGINS },
  NodeName: { title: "NodeName", summary: "If the pod names a node in spec.nodeName, rejects every other node.", docs: PLUGINS },
  TaintToleration: {
    title: "TaintToleration",
    summary: "Rejects nodes with a NoSchedule or NoExecute taint the pod does not tolerate; when scoring, prefers nodes with fewer PreferNoSchedule taints it does not tolerate.",
    docs: "https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/",
  },
  NodeAffinity: { title: "NodeAffinity", summary: "Rejects nodes that do not match the pod's nodeSelector or required node affinity; when scoring, prefers nodes matching its preferred affinity.", docs: "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/" },
  NodePorts: { title: "NodePorts", summary: "Rejects nodes where a hostPort the pod asks for is already taken.", docs: PLUGINS },
  NodeResourcesFit: {
    title: "NodeResourcesFit",
    summary:
      "Rejects nodes whose allocatable CPU, memory or pod count, minus what the pods already there request, is less than what this pod requests (\"Insufficient memory\"). It looks at requests, not at actual use; when scoring, it prefers the least allocated nodes.",
    docs: "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
  },
  NodeResourcesBalancedAllocation: { title: "NodeResourcesBalancedAllocation", summary: "When scoring, prefers nodes whose CPU and memory would be used in similar proportions once the pod is placed.", docs: PLUGINS },
  VolumeRestrictions: { title: "VolumeRestrictions", summary: "Rejects nodes where a volume the pod uses cannot be attached (for example a ReadWriteOncePod claim already in use).", docs: PLUGINS },
  VolumeBinding: { title: "VolumeBinding", summary: "Rejects nodes where the pod's PersistentVolumeClaims cannot be bound or provisioned.", docs: PLUGINS },
  VolumeZone: { title: "VolumeZone", summary: "Rejects nodes in a different zone from the pod's volumes.", docs: PLUGINS },
  NodeVolumeLimits: { title: "NodeVolumeLimits", summary: "Rejects nodes that already have as many volumes attached as they allow.", docs: PLUGINS },
  PodTopologySpread: { title: "PodTopologySpread", summary: "Keeps pods spread across zones or nodes as the pod's topologySpreadConstraints ask.", docs: "https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/" },
  InterPodAffinity: { title: "InterPodAffinity", summary: "Places the pod near (affinity) or away from (anti-affinity) pods with certain labels.", docs: "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity" },
  ImageLocality: { title: "ImageLocality", summary: "When scoring, prefers nodes that already have the pod's images.", docs: PLUGINS },
  DefaultPreemption: { title: "DefaultPreemption", summary: "When no node fits, looks for lower-priority pods whose eviction would make room. \"Preemption is not helpful\" means evicting pods would not fix what blocks this pod.", docs: "https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/" },
  SchedulingGates: { title: "SchedulingGates", summary: "Holds the pod back from scheduling while it has scheduling gates.", docs: "https://kubernetes.io/docs/concepts/scheduling-eviction/pod-scheduling-readiness/" },
};

/** The verdicts the decision record shows. */
export const VERDICTS: Record<string, Explanation> = {
  Success: { title: "passed", summary: "The plugin found nothing against this node." },
  Unschedulable: { title: "rejected", summary: "The plugin rejected the node for now; it could change (pods leave, resources free up) or preemption could help." },
  UnschedulableAndUnresolvable: { title: "rejected (unresolvable)", summary: "The plugin rejected the node in a way preemption cannot fix (a taint, a node selector)." },
  Skip: { title: "skipped", summary: "The plugin had nothing to check for this pod (it asks for nothing the plugin looks at)." },
  NotRun: { title: "not run", summary: "Not checked: an earlier plugin already rejected the node, or the scheduler found enough feasible nodes before reaching it." },
  Error: { title: "error", summary: "The plugin failed while checking the node." },
  Wait: { title: "waiting", summary: "The plugin asked the scheduler to wait before binding." },
};
