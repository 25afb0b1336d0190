/**
 * describe for the workload kinds: Deployment (replicas line, strategy, OldReplicaSets /
 * NewReplicaSet), ReplicaSet, ReplicationController, DaemonSet, StatefulSet, Job and CronJob. Fields
 * the API server defaults (strategy, backoffLimit, history limits, ...) print with their defaults when
 * a stored object lacks them.
 */
import type { KObject } from "../../api/types";
import { deepEqual } from "../../util/object";
import { between, rfc1123z } from "../printers/duration";
import { formatLabels, formatLabelSelector, selectorString } from "../printers/selectors";
import { controlledBy, describeEvents, printAnnotationsMultiline, printLabelsMultiline, searchEvents, type DescribeContext } from "./helpers";
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from "./prefix-writer";
import { describePodTemplate, podStatusCounts } from "./pod-template";

function events(obj: KObject, ctx: DescribeContext, w: PrefixWriter): void {
  if (ctx.settings.showEvents) describeEvents(searchEvents(ctx.cluster, obj), w, ctx.clock);
}

function replicas(obj: KObject): number {
  return typeof obj.spec?.replicas === "number" ? obj.spec.replicas : 1;
}

function conditionsTable(obj: KObject, w: PrefixWriter): void {
  const conditions = obj.status?.conditions ?? [];
  if (conditions.length === 0) return;
  w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
  w.write(LEVEL_1, "----\t------\t------\n");
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
}

const TEMPLATE_HASH = "pod-template-hash";

function withoutHash(template: any): any {
  const labels = { ...(template?.metadata?.labels ?? {}) };
  delete labels[TEMPLATE_HASH];
  return { ...template, metadata: { ...(template?.metadata ?? {}), labels } };
}

export function describeDeployment(d: KObject, ctx: DescribeContext): string {
  const owned = ctx.cluster.store
    .list("ReplicaSet", d.metadata.namespace)
    .filter((rs) => (rs.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === d.metadata.uid))
    .sort((a, b) => (a.metadata.creationTimestamp ?? "").localeCompare(b.metadata.creationTimestamp ?? ""));
  const newRS = owned.find((rs) => deepEqual(withoutHash(rs.spec?.template), withoutHash(d.spec?.template)));
  // GetAllReplicaSets' first list: old ReplicaSets that still have replicas.
  const oldRSs = owned.filter((rs) => rs !== newRS && replicas(rs) !== 0);
  const rsList = (list: KObject[]) => list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${replicas(rs)} replicas created)`).join(", ") || "<none>";
  return tabbedString((w) => {
    const s = d.status ?? {};
    w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, "Labels", d.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", d.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorString(d.spec?.selector)}\n`);
    w.write(LEVEL_0, `Replicas:\t${replicas(d)} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`);
    const strategy = d.spec?.strategy ?? {};
    const type = strategy.type ?? "RollingUpdate";
    w.write(LEVEL_0, `StrategyType:\t${type}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
    if (type === "RollingUpdate") {
      const ru = strategy.rollingUpdate ?? {};
      w.write(LEVEL_0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? "25%"} max unavailable, ${ru.maxSurge ?? "25%"} max surge\n`);
    }
    describePodTemplate(d.spec?.template, w);
    conditionsTable(d, w);
    w.write(LEVEL_0, `OldReplicaSets:\t${rsList(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`);
    events(d, ctx, w);
  });
}

export function describeReplicaSet(rs: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, "Labels", rs.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", rs.metadata.annotations);
    const owner = controlledBy(rs);
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${replicas(rs)} desired\n`);
    w.write(LEVEL_0, "Pods Status:\t");
    w.write(LEVEL_0, `${podStatusCounts(ctx.cluster, rs, rs.spec?.selector)}\n`);
    describePodTemplate(rs.spec?.template, w);
    conditionsTable(rs, w);
    events(rs, ctx, w);
  });
}

export function describeReplicationController(rc: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${rc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rc.metadata.namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabels(rc.spec?.selector)}\n`);
    printLabelsMultiline(w, "Labels", rc.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", rc.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${replicas(rc)} desired\n`);
    w.write(LEVEL_0, `Pods Status:\t${podStatusCounts(ctx.cluster, rc, rc.spec?.selector, true)}\n`);
    describePodTemplate(rc.spec?.template, w);
    conditionsTable(rc, w);
    events(rc, ctx, w);
  });
}

export function describeDaemonSet(ds: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    const s = ds.status ?? {};
    w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ds.metadata.namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(ds.spec?.selector)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, "Labels", ds.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ds.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${s.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${s.currentNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${s.updatedNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${s.numberAvailable ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${s.numberMisscheduled ?? 0}\n`);
    w.write(LEVEL_0, `Pods Status:\t${podStatusCounts(ctx.cluster, ds, ds.spec?.selector)}\n`);
    describePodTemplate(ds.spec?.template, w);
    events(ds, ctx, w);
  });
}

export function describeStatefulSet(sts: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sts.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${sts.metadata.namespace}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(sts.spec?.selector)}\n`);
    printLabelsMultiline(w, "Labels", sts.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", sts.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${replicas(sts)} desired | ${sts.status?.replicas ?? 0} total\n`);
    const us = sts.spec?.updateStrategy ?? {};
    const type = us.type ?? "RollingUpdate";
    w.write(LEVEL_0, `Update Strategy:\t${type}\n`);
    if (type === "RollingUpdate") {
      const ru = us.rollingUpdate ?? { partition: 0 };
      if (ru.partition !== undefined) {
        w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
        if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
      }
    }
    w.write(LEVEL_0, `Pods Status:\t${podStatusCounts(ctx.cluster, sts, sts.spec?.selector)}\n`);
    describePodTemplate(sts.spec?.template, w);
    const templates: KObject[] = sts.spec?.volumeClaimTemplates ?? [];
    if (templates.length === 0) {
      w.write(LEVEL_0, "Volume Claims:\t<none>\n");
    } else {
      w.write(LEVEL_0, "Volume Claims:\n");
      for (const pvc of templates) {
        w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ""}\n`);
        w.write(LEVEL_1, `StorageClass:\t${pvc.spec?.storageClassName ?? ""}\n`);
        printLabelsMultiline(w, "Labels", pvc.metadata?.labels, "  ");
        printLabelsMultiline(w, "Annotations", pvc.metadata?.annotations, "  ");
        const cap = pvc.spec?.resources?.requests?.storage;
        w.write(LEVEL_1, `Capacity:\t${cap ?? "<default>"}\n`);
        w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(" ")}]\n`);
      }
    }
    events(sts, ctx, w);
  });
}

export function describeJob(job: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    const spec = job.spec ?? {};
    const s = job.status ?? {};
    w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    printLabelsMultiline(w, "Labels", job.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", job.metadata.annotations);
    const owner = controlledBy(job);
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    const defaulted = spec.completions === undefined && spec.parallelism === undefined;
    const parallelism = spec.parallelism ?? 1;
    const completions = spec.completions ?? (defaulted ? 1 : undefined);
    w.write(LEVEL_0, `Parallelism:\t${parallelism}\n`);
    w.write(LEVEL_0, `Completions:\t${completions ?? "<unset>"}\n`);
    w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode ?? "NonIndexed"}\n`);
    w.write(LEVEL_0, `Suspend:\t${spec.suspend === true}\n`);
    w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit ?? 6}\n`);
    if (spec.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (s.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(s.startTime)}\n`);
    if (s.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(s.completionTime)}\n`);
    if (s.startTime && s.completionTime) w.write(LEVEL_0, `Duration:\t${between(s.startTime, s.completionTime)}\n`);
    if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    if (s.ready === undefined) w.write(LEVEL_0, `Pods Statuses:\t${s.active ?? 0} Active / ${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed\n`);
    else w.write(LEVEL_0, `Pods Statuses:\t${s.active ?? 0} Active (${s.ready} Ready) / ${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed\n`);
    if (spec.completionMode === "Indexed") w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(s.completedIndexes ?? "", 50)}\n`);
    describePodTemplate(spec.template, w);
    events(job, ctx, w);
  });
}

function capIndexes(indexes: string, softLimit: number): string {
  if (indexes.length === 0) return "<none>";
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ",") ix++;
  if (ix >= indexes.length) return indexes;
  return indexes.slice(0, ix + 1) + "...";
}

export function describeCronJob(cj: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    const spec = cj.spec ?? {};
    w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace}\n`);
    printLabelsMultiline(w, "Labels", cj.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", cj.metadata.annotations);
    w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ""}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? "Allow"}\n`);
    w.write(LEVEL_0, `Suspend:\t${(spec.suspend ?? false) ? "True" : "False"}\n`);
    w.write(LEVEL_0, `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit ?? 3}\n`);
    w.write(LEVEL_0, `Failed Job History Limit:\t${spec.failedJobsHistoryLimit ?? 1}\n`);
    w.write(LEVEL_0, `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds !== undefined ? `${spec.startingDeadlineSeconds}s` : "<unset>"}\n`);
    const jt = spec.jobTemplate?.spec ?? {};
    w.write(LEVEL_0, `Selector:\t${jt.selector ? selectorString(jt.selector) : "<unset>"}\n`);
    w.write(LEVEL_0, `Parallelism:\t${jt.parallelism ?? "<unset>"}\n`);
    w.write(LEVEL_0, `Completions:\t${jt.completions ?? "<unset>"}\n`);
    if (jt.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
    describePodTemplate(jt.template, w);
    const last = cj.status?.lastScheduleTime;
    w.write(LEVEL_0, `Last Schedule Time:\t${last ? rfc1123z(last) : "<unset>"}\n`);
    const active: { name: string }[] = cj.status?.active ?? [];
    w.write(LEVEL_0, "Active Jobs:\t");
    if (active.length === 0) w.writeLine("<none>");
    else {
      w.write(LEVEL_0, active.map((j) => j.name).join(", "));
      w.writeLine("");
    }
    events(cj, ctx, w);
  });
}
