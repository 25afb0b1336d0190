/**
 * DescribePodTemplate (the "Pod Template:" section of every workload) and the pod counts workload
 * describers print ("3 Running / 0 Waiting / 0 Succeeded / 0 Failed").
 */
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { fromLabelSelector, fromMap, matches, type Selector } from "../../api/labels";
import type { KObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import { describeContainers } from "./containers";
import { printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline } from "./helpers";
import { LEVEL_0, LEVEL_1, type PrefixWriter } from "./prefix-writer";
import { describeTopologySpreadConstraints } from "./pod";
import { describeVolumes } from "./volumes";

/** DescribePodTemplate. */
export function describePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, "Pod Template:\n");
  if (!template) {
    w.write(LEVEL_1, "<unset>");
    return;
  }
  const spec = template.spec ?? { containers: [] };
  printLabelsMultiline(w, "  Labels", template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) printAnnotationsMultiline(w, "  Annotations", template.metadata?.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers("Init Containers", spec.initContainers!, undefined, undefined, w, "  ");
  describeContainers("Containers", spec.containers ?? [], undefined, undefined, w, "  ");
  describeVolumes(spec.volumes, w, "  ");
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, "  ");
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, "  Node-Selectors", spec.nodeSelector);
  printTolerationsMultiline(w, "  Tolerations", spec.tolerations);
}

/** getPodStatusForController: pods the controller owns, counted by phase. */
export function podStatusCounts(cluster: Cluster, owner: KObject, selector: LabelSelector | Record<string, string> | undefined, isMap = false): string {
  const sel: Selector = isMap ? fromMap(selector as Record<string, string>) : fromLabelSelector(selector as LabelSelector | undefined);
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const pod of cluster.store.list("Pod", owner.metadata.namespace)) {
    if (!matches(sel, pod.metadata.labels)) continue;
    const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
    if (!ref || ref.uid !== owner.metadata.uid) continue;
    switch (pod.status?.phase) {
      case "Running":
        running++;
        break;
      case "Pending":
        waiting++;
        break;
      case "Succeeded":
        succeeded++;
        break;
      case "Failed":
        failed++;
        break;
    }
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}
