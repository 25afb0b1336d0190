/**
 * The ReplicationController manager (pkg/controller/replication): the ReplicaSet controller's logic
 * over ReplicationControllers, whose selector is a plain map of labels. Its events and writes come
 * from "replication-controller".
 */
import { fromMap, type Selector } from "../api/labels";
import type { KObject } from "../api/types";
import { ReplicaManager } from "./workload/replica-manager";

export const REPLICATION_CONTROLLER = "replication-controller";

export class ReplicationManager extends ReplicaManager {
  readonly name = REPLICATION_CONTROLLER;
  protected readonly kind = "ReplicationController";

  protected selectorOf(obj: KObject): Selector {
    return fromMap(obj.spec?.selector as Record<string, string> | undefined);
  }
}
