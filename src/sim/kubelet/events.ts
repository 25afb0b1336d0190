/**
 * The reasons the kubelet writes on Events and container statuses, with Kubernetes' own spelling
 * (pkg/kubelet/events/event.go, pkg/kubelet/container/sync_result.go, pkg/kubelet/images/types.go).
 */

/** Event reasons. */
export const EventReason = {
  Created: "Created",
  Started: "Started",
  Failed: "Failed",
  Killing: "Killing",
  BackOff: "BackOff",
  ExceededGracePeriod: "ExceededGracePeriod",
  Pulling: "Pulling",
  Pulled: "Pulled",
  InspectFailed: "InspectFailed",
  ErrImageNeverPull: "ErrImageNeverPull",
  FailedMount: "FailedMount",
  FailedPostStartHook: "FailedPostStartHook",
  FailedPreStopHook: "FailedPreStopHook",
  Unhealthy: "Unhealthy",
  ProbeWarning: "ProbeWarning",
  SandboxChanged: "SandboxChanged",
  FailedCreatePodSandBox: "FailedCreatePodSandBox",
  FailedKillPod: "FailedKillPod",
  Evicted: "Evicted",
  DeadlineExceeded: "DeadlineExceeded",
  InvalidEnvironmentVariableNames: "InvalidEnvironmentVariableNames",
  FailedToRetrieveImagePullSecret: "FailedToRetrieveImagePullSecret",
  OutOfcpu: "OutOfcpu",
  OutOfmemory: "OutOfmemory",
  OutOfpods: "OutOfpods",
} as const;

/** Container waiting reasons (the sync errors the reason cache keeps). */
export const WaitingReason = {
  ContainerCreating: "ContainerCreating",
  PodInitializing: "PodInitializing",
  CrashLoopBackOff: "CrashLoopBackOff",
  ErrImagePull: "ErrImagePull",
  ImagePullBackOff: "ImagePullBackOff",
  InvalidImageName: "InvalidImageName",
  ErrImageNeverPull: "ErrImageNeverPull",
  CreateContainerConfigError: "CreateContainerConfigError",
  CreateContainerError: "CreateContainerError",
  RunContainerError: "RunContainerError",
  PostStartHookError: "PostStartHookError",
} as const;

export type WaitingReasonName = (typeof WaitingReason)[keyof typeof WaitingReason];

/** Terminated reasons containerd reports, and the ones the kubelet makes up. */
export const TerminatedReason = {
  Completed: "Completed",
  Error: "Error",
  OOMKilled: "OOMKilled",
  ContainerCannotRun: "ContainerCannotRun",
  StartError: "StartError",
  ContainerStatusUnknown: "ContainerStatusUnknown",
} as const;
