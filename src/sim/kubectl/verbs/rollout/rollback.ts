/**
 * `rollout undo` as kubectl's rollbackers do it, client side: a Deployment gets the template of the
 * ReplicaSet of the chosen revision (the previous one by default) and that ReplicaSet's annotations,
 * in one JSON patch; a DaemonSet or StatefulSet gets the chosen ControllerRevision's data as a
 * strategic-merge patch. Returns the operation the name printer shows ("rolled back", "skipped
 * rollback (current template already matches revision 2)") or, for a client dry run, the template.
 */
import type { KObject } from "../../../api/types";
import type { Cluster } from "../../../cluster";
import { equalIgnoreHash } from "../../../controllers/workload/deployment-util";
import { POD_TEMPLATE_HASH_LABEL } from "../../../controllers/workload/pod-template-hash";
import { ANNOTATIONS_TO_SKIP, revisionOf } from "../../../controllers/workload/revision";
import { deepClone, deepEqual } from "../../../util/object";
import { KubectlError } from "../../kubectl";
import type { DryRunStrategy } from "../../output";
import { controllerRevisions, deploymentReplicaSets, revisionTemplate } from "./history";
import { printTemplate } from "./template";

const ROLLBACK_SUCCESS = "rolled back";
const ROLLBACK_SKIPPED = "skipped rollback";

function revisionNotFound(r: number): KubectlError {
  return new KubectlError(`unable to find specified revision ${r} in history`);
}

/** How the rollback is written: the caller's API options. */
export interface RollbackWrite {
  actor: string;
  fieldManager: string;
  dryRun: DryRunStrategy;
}

/** Rolls `obj` back to `toRevision` (0: the previous revision). */
export function rollback(cluster: Cluster, obj: KObject, toRevision: number, write: RollbackWrite): string {
  if (toRevision < 0) throw revisionNotFound(toRevision);
  return obj.kind === "Deployment" ? rollbackDeployment(cluster, obj, toRevision, write) : rollbackWithHistory(cluster, obj, toRevision, write);
}

function rollbackDeployment(cluster: Cluster, d: KObject, toRevision: number, write: RollbackWrite): string {
  const rs = deploymentRevision(cluster, d, toRevision);
  if (write.dryRun === "client") return printTemplate(rs.spec?.template);
  if (d.spec?.paused) throw new KubectlError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  if (equalIgnoreHash(rs.spec?.template, d.spec?.template)) return `${ROLLBACK_SKIPPED} (current template already matches revision ${toRevision})`;
  const template = deepClone(rs.spec.template);
  if (template.metadata?.labels) {
    delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  }
  const annotations: Record<string, string> = {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  const patched: KObject = { ...d, metadata: { ...d.metadata, annotations, resourceVersion: undefined }, spec: { ...d.spec, template } };
  try {
    cluster.api.update(patched, { actor: write.actor, fieldManager: write.fieldManager, dryRun: write.dryRun === "server" });
  } catch (e) {
    throw new KubectlError(`failed restoring revision ${toRevision}: ${(e as Error).message}`);
  }
  return ROLLBACK_SUCCESS;
}

/** deploymentRevision: the ReplicaSet of `toRevision`, or of the revision before the latest. */
function deploymentRevision(cluster: Cluster, d: KObject, toRevision: number): KObject {
  let latest: KObject | undefined;
  let latestRevision = -1;
  let previous: KObject | undefined;
  let previousRevision = -1;
  for (const rs of deploymentReplicaSets(cluster, d)) {
    const v = revisionOf(rs);
    if (Number.isNaN(v)) continue;
    if (toRevision === 0) {
      if (latestRevision < v) {
        previousRevision = latestRevision;
        previous = latest;
        latestRevision = v;
        latest = rs;
      } else if (previousRevision < v) {
        previousRevision = v;
        previous = rs;
      }
    } else if (toRevision === v) {
      return rs;
    }
  }
  if (toRevision > 0) throw revisionNotFound(toRevision);
  if (!previous) throw new KubectlError(`no rollout history found for deployment "${d.metadata.name}"`);
  return previous;
}

/** DaemonSetRollbacker / StatefulSetRollbacker. */
function rollbackWithHistory(cluster: Cluster, obj: KObject, toRevision: number, write: RollbackWrite): string {
  const history = controllerRevisions(cluster, obj).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  if (toRevision === 0 && history.length <= 1) throw new KubectlError("no last revision to roll back to");
  const to = toRevision === 0 ? history[history.length - 2] : history.find((h) => h.revision === toRevision);
  if (!to) throw revisionNotFound(toRevision);
  const template = revisionTemplate(obj, to);
  if (write.dryRun === "client") return printTemplate(template);
  if (deepEqual(template, obj.spec?.template)) return `${ROLLBACK_SKIPPED} (current template already matches revision ${toRevision})`;
  const patched: KObject = { ...obj, metadata: { ...obj.metadata, resourceVersion: undefined }, spec: { ...obj.spec, template: deepClone(template) } };
  try {
    cluster.api.update(patched, { actor: write.actor, fieldManager: write.fieldManager, dryRun: write.dryRun === "server" });
  } catch (e) {
    throw new KubectlError(`failed restoring revision ${toRevision}: ${(e as Error).message}`);
  }
  return ROLLBACK_SUCCESS;
}
