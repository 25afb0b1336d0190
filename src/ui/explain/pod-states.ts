/**
 * What a pod's states mean, for learners: the pod phases, the words kubectl prints in the STATUS
 * column, and the reasons a container waits or terminated with. Written from the Kubernetes
 * documentation (Pod Lifecycle, Init Containers, Container Restart Policy, Images, Node-pressure
 * Eviction) and the articles Podlab was made from (the Infra container, init containers, phases,
 * probes, restart policy and back-off, resources and OOM).
 */
import type { Explanation } from "./types";

const LIFECYCLE = "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/";
const INIT = "https://kubernetes.io/docs/concepts/workloads/pods/init-containers/";
const IMAGES = "https://kubernetes.io/docs/concepts/containers/images/";
const RESOURCES = "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/";

/** Pod phases (status.phase): the five coarse steps of a pod's life. */
export const PHASES: Record<string, Explanation> = {
  Pending: {
    title: "Pending",
    summary:
      "The API server has accepted the pod and stored it in etcd, but one or more of its containers is not running yet: the pod may still wait for the scheduler to pick a node, for the kubelet to set up its sandbox and volumes, or for images to download.",
    more: "A pod that stays Pending is most often unschedulable: no node has the free CPU or memory it requests, or every node has a taint it does not tolerate. The scheduler's FailedScheduling event says which.",
    docs: LIFECYCLE,
  },
  Running: {
    title: "Running",
    summary: "The pod is bound to a node and all its containers have been created; at least one is running, or is starting or restarting.",
    more: "Running does not mean healthy or ready: a container can restart again and again (watch RESTARTS) while the pod stays Running, and only the Ready condition says whether it receives traffic.",
    docs: LIFECYCLE,
  },
  Succeeded: {
    title: "Succeeded",
    summary: "Every container in the pod exited with code 0 and none will be restarted. Typical of one-off tasks such as a Job's pods.",
    docs: LIFECYCLE,
  },
  Failed: {
    title: "Failed",
    summary: "Every container has stopped and at least one failed: it exited with a non-zero code or the system killed it, and the restart policy does not restart it.",
    more: "Look at the pod's events and at the failed container's logs (with --previous if it was restarted) to find out why.",
    docs: LIFECYCLE,
  },
  Unknown: {
    title: "Unknown",
    summary: "The state of the pod cannot be obtained, usually because the kubelet on its node stopped reporting to the API server (the node is down or cut off).",
    docs: LIFECYCLE,
  },
};

/**
 * The words kubectl prints in the STATUS column (and container waiting/terminated reasons). A pod's
 * STATUS is not its phase: kubectl shows the most telling reason it finds, so a Running pod may
 * show CrashLoopBackOff.
 */
export const STATUSES: Record<string, Explanation> = {
  ContainerCreating: {
    title: "ContainerCreating",
    summary:
      "The pod is on a node and the kubelet is getting it ready: creating the Infra (pause) container that holds the pod's network namespace and IP, mounting volumes, pulling images, and creating the containers.",
    more: "If it stays here for long, the events usually say why: an image that is slow to pull, or a volume (a Secret, a ConfigMap, a claim) that cannot be mounted.",
    docs: LIFECYCLE,
  },
  PodInitializing: {
    title: "PodInitializing",
    summary: "All init containers have finished successfully and the kubelet is now starting the pod's regular containers.",
    docs: INIT,
  },
  "Init:N/M": {
    title: "Init:N/M",
    summary: "The pod has M init containers and N of them have completed. Init containers run one at a time, in order, and each must exit successfully before the next one starts; the app containers wait for all of them.",
    docs: INIT,
  },
  "Init:Error": {
    title: "Init:Error",
    summary: "An init container exited with a non-zero code. Depending on the pod's restartPolicy the kubelet runs it again (Always, OnFailure) or the whole pod fails (Never).",
    more: "Read the init container's logs (kubectl logs POD -c INIT-CONTAINER) to see what went wrong.",
    docs: INIT,
  },
  "Init:CrashLoopBackOff": {
    title: "Init:CrashLoopBackOff",
    summary: "An init container keeps failing, so the kubelet waits longer and longer (10 s, 20 s, 40 s … up to 5 minutes) before running it again. The app containers will not start until it succeeds.",
    docs: INIT,
  },
  "Init:Reason": {
    title: "Init:<reason>",
    summary: "An init container is waiting for the reason shown after the colon (for example an image that cannot be pulled). The app containers cannot start until every init container has completed.",
    docs: INIT,
  },
  Running: PHASES.Running,
  NotReady: {
    title: "NotReady",
    summary: "The pod is running but some container that should be serving is not ready, so the pod is left out of Service endpoints.",
    docs: LIFECYCLE,
  },
  Completed: {
    title: "Completed",
    summary: "The container (or, in the STATUS column, the pod's containers) ran to the end and exited with code 0. For a pod with restartPolicy Always this is unusual: the kubelet will start it again.",
    docs: LIFECYCLE,
  },
  Error: {
    title: "Error",
    summary: "The container exited with a non-zero exit code. Its logs usually say why; if it was restarted, read the logs of the previous instance with --previous.",
    docs: LIFECYCLE,
  },
  CrashLoopBackOff: {
    title: "CrashLoopBackOff",
    summary:
      "The container keeps stopping (it exits, or is killed by a failed liveness probe or an out-of-memory kill) and the kubelet is waiting before restarting it again. The wait doubles after each restart — 10 s, 20 s, 40 s … — up to 5 minutes, and resets once the container has run fine for 10 minutes.",
    more: "CrashLoopBackOff is not a phase: the pod stays Running meanwhile. The previous instance's exit code and logs (kubectl logs --previous) tell what kills it.",
    docs: "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts",
  },
  ImagePullBackOff: {
    title: "ImagePullBackOff",
    summary: "Pulling the container's image failed, and the kubelet is waiting before trying again, with the wait growing after each failure (up to 5 minutes).",
    more: "Check the image name and tag for typos, whether the image exists in the registry, and whether the registry needs credentials (imagePullSecrets).",
    docs: IMAGES,
  },
  ErrImagePull: {
    title: "ErrImagePull",
    summary: "The last attempt to pull the container's image failed: the image or tag does not exist, the registry refused access, or it could not be reached. The kubelet will retry with back-off (ImagePullBackOff).",
    docs: IMAGES,
  },
  ErrImageNeverPull: {
    title: "ErrImageNeverPull",
    summary: "The container's imagePullPolicy is Never and the image is not on the node, so the kubelet will not start it.",
    docs: IMAGES,
  },
  InvalidImageName: {
    title: "InvalidImageName",
    summary: "The image reference cannot be parsed (for example upper-case letters or a stray character), so the kubelet cannot even try to pull it. Fix the image field; retrying will not help.",
    docs: IMAGES,
  },
  CreateContainerConfigError: {
    title: "CreateContainerConfigError",
    summary:
      "The kubelet cannot build the container's configuration, most often because an environment variable or envFrom refers to a ConfigMap or Secret (or a key in it) that does not exist. The container starts once the missing object appears.",
    docs: "https://kubernetes.io/docs/concepts/configuration/configmap/",
  },
  CreateContainerError: {
    title: "CreateContainerError",
    summary: "The container runtime failed to create the container, for example because of an invalid command or a name conflict.",
    docs: LIFECYCLE,
  },
  RunContainerError: {
    title: "RunContainerError",
    summary: "The runtime created the container but could not start its process, for example because the command does not exist in the image.",
    docs: LIFECYCLE,
  },
  StartError: {
    title: "StartError",
    summary: "The container's process could not be started (for example its executable was not found). The container is counted as terminated with exit code 128.",
    docs: LIFECYCLE,
  },
  ContainerCannotRun: {
    title: "ContainerCannotRun",
    summary: "The runtime could not run the container's command.",
    docs: LIFECYCLE,
  },
  PostStartHookError: {
    title: "PostStartHookError",
    summary: "The container's postStart hook failed, so the kubelet killed the container. A postStart hook runs right after the container is created and the container is not Running until it finishes.",
    docs: "https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/",
  },
  PreStopHookError: {
    title: "PreStopHookError",
    summary: "The container's preStop hook failed. The hook runs before the container is stopped and must finish within the grace period.",
    docs: "https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/",
  },
  OOMKilled: {
    title: "OOMKilled",
    summary:
      "The container used more memory than its memory limit, so the kernel's out-of-memory killer stopped it (exit code 137). With restartPolicy Always or OnFailure it is restarted, and repeated kills lead to CrashLoopBackOff.",
    more: "Raise the memory limit or make the program use less. A pod that requests more memory than any node has never gets this far: it stays Pending.",
    docs: RESOURCES,
  },
  Terminating: {
    title: "Terminating",
    summary:
      "The pod is being deleted. It has a deletion timestamp; the kubelet runs each container's preStop hook, sends SIGTERM, and kills what is still running when the grace period (terminationGracePeriodSeconds, 30 s by default) ends. Terminating is not a phase.",
    docs: "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination",
  },
  Evicted: {
    title: "Evicted",
    summary: "The kubelet stopped the pod to reclaim a resource the node was running out of (memory, disk, process IDs). The pod is Failed and is not restarted on that node; a controller may create a replacement elsewhere.",
    docs: "https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/",
  },
  NodeLost: {
    title: "NodeLost / Unknown",
    summary: "The pod's node stopped reporting, and the pod is being deleted. kubectl shows Unknown because nobody can tell whether its containers still run. When the node comes back, the kubelet finishes the deletion.",
    docs: "https://kubernetes.io/docs/concepts/architecture/nodes/#node-status",
  },
  Unknown: PHASES.Unknown,
  SchedulingGated: {
    title: "SchedulingGated",
    summary: "The pod has scheduling gates (spec.schedulingGates), so the scheduler does not even try to place it. It stays Pending until every gate is removed.",
    docs: "https://kubernetes.io/docs/concepts/scheduling-eviction/pod-scheduling-readiness/",
  },
  Pending: PHASES.Pending,
  Succeeded: PHASES.Succeeded,
  Failed: PHASES.Failed,
  ContainerStatusUnknown: {
    title: "ContainerStatusUnknown",
    summary: "The container's state could not be found: it was probably removed while its node was unreachable, so the kubelet reports it as terminated with an unknown outcome.",
    docs: LIFECYCLE,
  },
  DeadlineExceeded: {
    title: "DeadlineExceeded",
    summary: "The pod ran longer than its activeDeadlineSeconds, so the kubelet stopped it and marked it Failed.",
    docs: "https://kubernetes.io/docs/concepts/workloads/controllers/job/#job-termination-and-cleanup",
  },
  Shutdown: {
    title: "Shutdown",
    summary: "The node shut down gracefully and the kubelet terminated the pod as part of it.",
    docs: "https://kubernetes.io/docs/concepts/cluster-administration/node-shutdown/",
  },
  "Signal:N": {
    title: "Signal:N",
    summary: "The container was stopped by a signal with no exit code reported (for example Signal:9 for SIGKILL).",
    docs: LIFECYCLE,
  },
  "ExitCode:N": {
    title: "ExitCode:N",
    summary: "The container exited with the code shown and no other reason was given. A non-zero code means the program reported a failure.",
    docs: LIFECYCLE,
  },
  OutOfcpu: {
    title: "OutOfcpu / OutOfmemory",
    summary: "The kubelet refused the pod at admission because the node did not have the resources the pod requests. The pod is Failed.",
    docs: RESOURCES,
  },
  NodeAffinity: {
    title: "NodeAffinity",
    summary: "The kubelet refused the pod at admission because the node does not match the pod's node selector or required node affinity. The pod is Failed.",
    docs: "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/",
  },
};

/** The three container states a container status can be in. */
export const CONTAINER_STATES: Record<string, Explanation> = {
  Waiting: {
    title: "Waiting",
    summary: "The container is not running yet: it is being created, waiting for its image, or waiting out a restart back-off. The reason says which.",
    docs: "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-states",
  },
  Running: {
    title: "Running",
    summary: "The container's process is running. If it has a postStart hook, the hook has finished.",
    docs: "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-states",
  },
  Terminated: {
    title: "Terminated",
    summary: "The container ran and stopped, either completing or failing. The exit code and reason say how; a restart creates a new instance and moves this one to Last State.",
    docs: "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-states",
  },
  "Last State": {
    title: "Last State",
    summary: "How the previous instance of this container ended. After a restart, kubectl logs --previous reads that instance's log.",
    docs: "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts",
  },
};
