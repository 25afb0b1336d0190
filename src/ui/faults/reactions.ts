/**
 * What Kubernetes does after each fault or setting, in a sentence, with the durations the simulation
 * uses (kube-controller-manager's and the kubelet's defaults). The panel shows it beside what the
 * command printed, so the learner knows what to watch for.
 */
import { DEFAULT_TOLERATION_SECONDS } from "../../sim/api/admission/default-toleration-seconds";
import { NODE_CONTROLLER_TIMINGS } from "../../sim/controllers/node-timings";
import { KUBELET_TIMINGS } from "../../sim/kubelet/timings";
import type { FaultAction } from "./commands";

const s = (ms: number) => `${Math.round(ms / 1000)}s`;
const GRACE = s(NODE_CONTROLLER_TIMINGS.nodeMonitorGracePeriod);
/** The DefaultTolerationSeconds admission plugin gives every pod 300 s tolerations of not-ready and unreachable. */
const TOLERATION = `${DEFAULT_TOLERATION_SECONDS}s`;
const QUARANTINE = s(NODE_CONTROLLER_TIMINGS.podGCQuarantine);
const BACKOFF = `${s(KUBELET_TIMINGS.crashLoopBackOffInitial)}, doubling up to ${s(KUBELET_TIMINGS.crashLoopBackOffMax)}`;

/** The documented reaction to an action. */
export function reactionTo(a: FaultAction): string {
  switch (a.kind) {
    case "node-stop":
      return `The kubelet stops renewing its Lease and posting status. After node-monitor-grace-period (${GRACE}) the node lifecycle controller sets its conditions to Unknown ("Kubelet stopped posting node status."): kubectl shows NotReady. Its pods turn not Ready (they leave Service endpoints) and the node is tainted node.kubernetes.io/unreachable, NoSchedule at once and NoExecute soon after; each pod is evicted when its ${TOLERATION} toleration of that taint runs out (tolerationSeconds, set by the DefaultTolerationSeconds admission plugin). The containers keep running meanwhile.`;
    case "node-start":
      return "The kubelet posts its status again: the node turns Ready and the node lifecycle controller removes the unreachable taints.";
    case "node-restart":
      return `Every container on the node dies with the machine. After ${s(KUBELET_TIMINGS.nodeRebootDowntime)} the kubelet starts again (event Rebooted) and starts every pod afresh in a new sandbox: RESTARTS goes up.`;
    case "node-remove":
      return `The Node object is deleted. The pod garbage collector deletes the pods bound to it once the node has been gone for ${QUARANTINE}, and their controllers (ReplicaSet, StatefulSet...) create replacements on other nodes; a bare pod is gone for good.`;
    case "node-add":
      return "The kubelet registers the node; once Ready, the scheduler can place pods on it (pods Pending for lack of room get scheduled).";
    case "node-set":
      return "The scheduler uses the new size, labels and taints for pods it places from now on. Running pods stay, except those a new NoExecute taint evicts.";
    case "partition":
      return `The nodes cut off cannot reach the API server: after ${GRACE} they go NotReady as if stopped, while their containers keep running. Traffic between the two sides fails.`;
    case "heal":
      return "Heartbeats get through again: the nodes turn Ready and traffic flows.";
    case "container-kill":
      return `The container's main process ends. The kubelet restarts it as the pod's restartPolicy says, with a back-off of ${BACKOFF} if it keeps ending (CrashLoopBackOff).`;
    case "probe":
      if (a.verb === "reset") return "The kubelet probes the container for real again.";
      if (a.verb === "pass") return "The probe succeeds: after successThreshold successes the container counts as ready (readiness) or started (startup).";
      if (a.probe === "liveness") return "After failureThreshold failures in a row (3 by default, one per periodSeconds), the kubelet kills the container (\"failed liveness probe, will be restarted\") and restarts it.";
      if (a.probe === "readiness") return "After failureThreshold failures the container is not ready: the pod's Ready condition turns False and it leaves its Services' endpoints. It keeps running.";
      return "After failureThreshold failures the kubelet kills the container and restarts it; liveness and readiness probes wait until startup succeeds.";
    case "registry-outage":
      return `Image pulls fail: ErrImagePull, then ImagePullBackOff (retries after ${s(KUBELET_TIMINGS.imageBackOffInitial)}, doubling up to ${s(KUBELET_TIMINGS.imageBackOffMax)}). A container whose image is already on its node and whose imagePullPolicy is IfNotPresent or Never starts as usual; with Always (the default for :latest or no tag) the kubelet tries to pull and fails.`;
    case "registry-slow":
      return `Image pulls take ${a.factor} times as long: new pods stay in ContainerCreating longer.`;
    case "registry-restore":
      return "Pulls work again; pods in ImagePullBackOff pull at their next retry.";
  }
}
