/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps spec.replicas pods matching the
 * selector running, adopting matching orphans and releasing pods whose labels stop matching. Its
 * events and writes come from "replicaset-controller".
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { fromLabelSelector, type Selector } from "../api/labels";
import type { KObject } from "../api/types";
import { ReplicaManager } from "./workload/replica-manager";

export const REPLICASET_CONTROLLER = "replicaset-controller";

export class ReplicaSetController extends ReplicaManager {
  readonly name = REPLICASET_CONTROLLER;
  protected readonly kind = "ReplicaSet";

  protected selectorOf(obj: KObject): Selector {
    return fromLabelSelector(obj.spec?.selector as LabelSelector | undefined);
  }
}
