/**
 * The table of every served kind, as the API server answers `Accept: application/json;as=Table`.
 * Kinds without a printer get the server's default table: NAME and CREATED AT.
 */
import type { KObject } from "../../../api/types";
import { componentStatusTable, configMapTable, eventTable, leaseTable, namespaceTable, persistentVolumeClaimTable, persistentVolumeTable, priorityClassTable, resourceQuotaTable, secretTable, serviceAccountTable, storageClassTable } from "./core";
import { endpointSliceTable, endpointsTable, ingressClassTable, ingressTable, networkPolicyTable, serviceTable } from "./network";
import { nodeTable } from "./node";
import { podTable } from "./pod";
import { NAME, type TableDef } from "./types";
import { controllerRevisionTable, cronJobTable, daemonSetTable, deploymentTable, hpaTable, jobTable, podDisruptionBudgetTable, podTemplateTable, replicaSetTable, replicationControllerTable, statefulSetTable } from "./workloads";

export type { Cell, ColumnDef, PrintContext, TableDef } from "./types";

const TABLES: Record<string, TableDef> = {
  Pod: podTable,
  Node: nodeTable,
  Namespace: namespaceTable,
  ConfigMap: configMapTable,
  Secret: secretTable,
  ServiceAccount: serviceAccountTable,
  Event: eventTable,
  Service: serviceTable,
  Endpoints: endpointsTable,
  EndpointSlice: endpointSliceTable,
  Ingress: ingressTable,
  IngressClass: ingressClassTable,
  NetworkPolicy: networkPolicyTable,
  Deployment: deploymentTable,
  ReplicaSet: replicaSetTable,
  ReplicationController: replicationControllerTable,
  DaemonSet: daemonSetTable,
  StatefulSet: statefulSetTable,
  Job: jobTable,
  CronJob: cronJobTable,
  HorizontalPodAutoscaler: hpaTable,
  PodDisruptionBudget: podDisruptionBudgetTable,
  PodTemplate: podTemplateTable,
  ControllerRevision: controllerRevisionTable,
  Lease: leaseTable,
  ResourceQuota: resourceQuotaTable,
  PriorityClass: priorityClassTable,
  ComponentStatus: componentStatusTable,
  PersistentVolume: persistentVolumeTable,
  PersistentVolumeClaim: persistentVolumeClaimTable,
  StorageClass: storageClassTable,
};

/** The API server's default table convertor: the name and the creation time in RFC 3339. */
export const defaultTable: TableDef = {
  columns: [NAME, { name: "Created At" }],
  row: (obj: KObject) => [obj.metadata.name ?? "", obj.metadata.creationTimestamp ?? ""],
};

/** The table a kind is printed with. */
export function tableFor(kind: string): TableDef {
  return TABLES[kind] ?? defaultTable;
}
