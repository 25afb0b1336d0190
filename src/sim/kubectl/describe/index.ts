/**
 * The describer of every kind (describe.go's describerMap), the generic describer for the rest.
 */
import type { Describer } from "./helpers";
import { describeConfigMap, describeLimitRange, describeNamespace, describePriorityClass, describeResourceQuota, describeSecret, describeServiceAccount } from "./config";
import { describeGeneric } from "./generic";
import { describeEndpointSlice, describeEndpoints, describeIngress, describeService } from "./network";
import { describeNode } from "./node";
import { describePod } from "./pod";
import { describeHorizontalPodAutoscaler, describeIngressClass, describeNetworkPolicy, describePodDisruptionBudget } from "./policy";
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from "./storage";
import { describeCronJob, describeDaemonSet, describeDeployment, describeJob, describeReplicaSet, describeReplicationController, describeStatefulSet } from "./workloads";

export type { DescribeContext, DescribeSettings, Describer } from "./helpers";

const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod,
  Node: describeNode,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  ReplicationController: describeReplicationController,
  DaemonSet: describeDaemonSet,
  StatefulSet: describeStatefulSet,
  Job: describeJob,
  CronJob: describeCronJob,
  Service: describeService,
  Endpoints: describeEndpoints,
  EndpointSlice: describeEndpointSlice,
  Ingress: describeIngress,
  IngressClass: describeIngressClass,
  ConfigMap: describeConfigMap,
  Secret: (obj) => describeSecret(obj),
  Namespace: describeNamespace,
  ServiceAccount: describeServiceAccount,
  LimitRange: (obj) => describeLimitRange(obj),
  ResourceQuota: (obj) => describeResourceQuota(obj),
  PriorityClass: describePriorityClass,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  PersistentVolume: describePersistentVolume,
  StorageClass: describeStorageClass,
  PodDisruptionBudget: describePodDisruptionBudget,
  HorizontalPodAutoscaler: describeHorizontalPodAutoscaler,
  NetworkPolicy: (obj) => describeNetworkPolicy(obj),
};

/** The describer for a kind. */
export function describerFor(kind: string): Describer {
  return DESCRIBERS[kind] ?? describeGeneric;
}
