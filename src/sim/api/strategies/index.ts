/** Every kind's strategy, by Kind: what ApiSetup registers with the API server. */
import type { KindStrategy } from "../server";
import { configMapStrategy, secretStrategy } from "./config";
import { cronJobStrategy } from "./cronjob";
import { daemonSetStrategy } from "./daemonset";
import { deploymentStrategy } from "./deployment";
import { endpointSliceStrategy, endpointsStrategy } from "./endpoints";
import { hpaStrategy } from "./hpa";
import { jobStrategy } from "./job";
import { limitRangeStrategy } from "./limitrange";
import { namespaceStrategy } from "./namespace";
import { ingressStrategy, networkPolicyStrategy } from "./networking";
import { nodeStrategy } from "./node";
import { pdbStrategy } from "./pdb";
import { podStrategy } from "./pod";
import { priorityClassStrategy } from "./priorityclass";
import { replicaSetStrategy } from "./replicaset";
import { replicationControllerStrategy } from "./replicationcontroller";
import { resourceQuotaStrategy } from "./resourcequota";
import { serviceStrategy } from "./service";
import { controllerRevisionStrategy, eventStrategy, ingressClassStrategy, leaseStrategy, podTemplateStrategy, serviceAccountStrategy } from "./simple";
import { statefulSetStrategy } from "./statefulset";
import { persistentVolumeClaimStrategy, persistentVolumeStrategy, storageClassStrategy } from "./storage";

export const STRATEGIES: Readonly<Record<string, KindStrategy>> = {
  ConfigMap: configMapStrategy,
  ControllerRevision: controllerRevisionStrategy,
  CronJob: cronJobStrategy,
  DaemonSet: daemonSetStrategy,
  Deployment: deploymentStrategy,
  EndpointSlice: endpointSliceStrategy,
  Endpoints: endpointsStrategy,
  Event: eventStrategy,
  HorizontalPodAutoscaler: hpaStrategy,
  Ingress: ingressStrategy,
  IngressClass: ingressClassStrategy,
  Job: jobStrategy,
  Lease: leaseStrategy,
  LimitRange: limitRangeStrategy,
  Namespace: namespaceStrategy,
  NetworkPolicy: networkPolicyStrategy,
  Node: nodeStrategy,
  PersistentVolume: persistentVolumeStrategy,
  PersistentVolumeClaim: persistentVolumeClaimStrategy,
  Pod: podStrategy,
  PodDisruptionBudget: pdbStrategy,
  PodTemplate: podTemplateStrategy,
  PriorityClass: priorityClassStrategy,
  ReplicaSet: replicaSetStrategy,
  ReplicationController: replicationControllerStrategy,
  ResourceQuota: resourceQuotaStrategy,
  Secret: secretStrategy,
  Service: serviceStrategy,
  ServiceAccount: serviceAccountStrategy,
  StatefulSet: statefulSetStrategy,
  StorageClass: storageClassStrategy,
};
