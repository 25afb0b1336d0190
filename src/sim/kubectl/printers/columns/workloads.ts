/**
 * Tables of the workload kinds, column for column as the API server prints them: Deployment,
 * ReplicaSet, ReplicationController, DaemonSet, StatefulSet, Job (STATUS COMPLETIONS DURATION),
 * CronJob, HorizontalPodAutoscaler, PodDisruptionBudget, PodTemplate and ControllerRevision.
 *
 * Fields the API server always defaults (replicas, suspend) are read with their default when a
 * stored object lacks them, so the cells match a real server's either way.
 */
import type { KObject } from "../../../api/types";
import { between, since } from "../duration";
import { formatLabels, formatLabelSelector, selectorString } from "../selectors";
import { age, AGE, containerCells, intOrString, n, NAME, printBoolPtr, wide, type Cell, type PrintContext, type TableDef } from "./types";

function replicas(obj: KObject): number {
  return typeof obj.spec?.replicas === "number" ? obj.spec.replicas : 1;
}

export const deploymentTable: TableDef = {
  columns: [NAME, { name: "Ready" }, { name: "Up-to-date" }, { name: "Available" }, AGE, ...wide("Containers", "Images", "Selector")],
  row(obj, ctx) {
    const [names, images] = containerCells(obj.spec?.template?.spec?.containers);
    return [obj.metadata.name ?? "", `${n(obj.status?.readyReplicas)}/${replicas(obj)}`, n(obj.status?.updatedReplicas), n(obj.status?.availableReplicas), age(obj, ctx), names, images, selectorString(obj.spec?.selector)];
  },
};

export const replicaSetTable: TableDef = {
  columns: [NAME, { name: "Desired" }, { name: "Current" }, { name: "Ready" }, AGE, ...wide("Containers", "Images", "Selector")],
  row(obj, ctx) {
    const [names, images] = containerCells(obj.spec?.template?.spec?.containers);
    return [obj.metadata.name ?? "", replicas(obj), n(obj.status?.replicas), n(obj.status?.readyReplicas), age(obj, ctx), names, images, formatLabelSelector(obj.spec?.selector)];
  },
};

export const replicationControllerTable: TableDef = {
  columns: [NAME, { name: "Desired" }, { name: "Current" }, { name: "Ready" }, AGE, ...wide("Containers", "Images", "Selector")],
  row(obj, ctx) {
    const [names, images] = containerCells(obj.spec?.template?.spec?.containers);
    return [obj.metadata.name ?? "", replicas(obj), n(obj.status?.replicas), n(obj.status?.readyReplicas), age(obj, ctx), names, images, formatLabels(obj.spec?.selector)];
  },
};

export const daemonSetTable: TableDef = {
  columns: [NAME, { name: "Desired" }, { name: "Current" }, { name: "Ready" }, { name: "Up-to-date" }, { name: "Available" }, { name: "Node Selector" }, AGE, ...wide("Containers", "Images", "Selector")],
  row(obj, ctx) {
    const s = obj.status ?? {};
    const [names, images] = containerCells(obj.spec?.template?.spec?.containers);
    return [
      obj.metadata.name ?? "",
      n(s.desiredNumberScheduled),
      n(s.currentNumberScheduled),
      n(s.numberReady),
      n(s.updatedNumberScheduled),
      n(s.numberAvailable),
      formatLabels(obj.spec?.template?.spec?.nodeSelector),
      age(obj, ctx),
      names,
      images,
      formatLabelSelector(obj.spec?.selector),
    ];
  },
};

export const statefulSetTable: TableDef = {
  columns: [NAME, { name: "Ready" }, AGE, ...wide("Containers", "Images")],
  row(obj, ctx) {
    const [names, images] = containerCells(obj.spec?.template?.spec?.containers);
    return [obj.metadata.name ?? "", `${n(obj.status?.readyReplicas)}/${replicas(obj)}`, age(obj, ctx), names, images];
  },
};

function hasJobCondition(obj: KObject, type: string): boolean {
  const c = (obj.status?.conditions ?? []).find((x: { type: string }) => x.type === type);
  return c?.status === "True";
}

/** The STATUS cell of a job. */
export function jobStatus(obj: KObject): string {
  if (hasJobCondition(obj, "Complete")) return "Complete";
  if (hasJobCondition(obj, "Failed")) return "Failed";
  if (obj.metadata.deletionTimestamp) return "Terminating";
  if (hasJobCondition(obj, "Suspended")) return "Suspended";
  if (hasJobCondition(obj, "FailureTarget")) return "FailureTarget";
  return "Running";
}

export const jobTable: TableDef = {
  columns: [NAME, { name: "Status" }, { name: "Completions" }, { name: "Duration" }, AGE, ...wide("Containers", "Images", "Selector")],
  row(obj, ctx) {
    const spec = obj.spec ?? {};
    const succeeded = n(obj.status?.succeeded);
    let completions: string;
    if (typeof spec.completions === "number") completions = `${succeeded}/${spec.completions}`;
    else if (n(spec.parallelism) > 1) completions = `${succeeded}/1 of ${spec.parallelism}`;
    else completions = `${succeeded}/1`;
    let duration = "";
    if (obj.status?.startTime) duration = obj.status.completionTime ? between(obj.status.startTime, obj.status.completionTime) : since(ctx.clock, obj.status.startTime);
    const [names, images] = containerCells(spec.template?.spec?.containers);
    return [obj.metadata.name ?? "", jobStatus(obj), completions, duration, age(obj, ctx), names, images, formatLabelSelector(spec.selector)];
  },
};

export const cronJobTable: TableDef = {
  columns: [NAME, { name: "Schedule" }, { name: "Timezone" }, { name: "Suspend" }, { name: "Active" }, { name: "Last Schedule" }, AGE, ...wide("Containers", "Images", "Selector")],
  row(obj, ctx) {
    const spec = obj.spec ?? {};
    const last = obj.status?.lastScheduleTime ? since(ctx.clock, obj.status.lastScheduleTime) : "<none>";
    const jobSpec = spec.jobTemplate?.spec ?? {};
    const [names, images] = containerCells(jobSpec.template?.spec?.containers);
    return [
      obj.metadata.name ?? "",
      spec.schedule ?? "",
      spec.timeZone ?? "<none>",
      printBoolPtr(spec.suspend ?? false),
      (obj.status?.active ?? []).length,
      last,
      age(obj, ctx),
      names,
      images,
      formatLabelSelector(jobSpec.selector),
    ];
  },
};

export const podTemplateTable: TableDef = {
  columns: [NAME, { name: "Containers" }, { name: "Images" }, { name: "Pod Labels" }],
  row(obj) {
    const [names, images] = containerCells(obj.template?.spec?.containers);
    return [obj.metadata.name ?? "", names, images, formatLabels(obj.template?.metadata?.labels)];
  },
};

export const podDisruptionBudgetTable: TableDef = {
  columns: [NAME, { name: "Min Available" }, { name: "Max Unavailable" }, { name: "Allowed Disruptions" }, AGE],
  row(obj, ctx) {
    const spec = obj.spec ?? {};
    const min = spec.minAvailable !== undefined && spec.minAvailable !== null ? intOrString(spec.minAvailable) : "N/A";
    const max = spec.maxUnavailable !== undefined && spec.maxUnavailable !== null ? intOrString(spec.maxUnavailable) : "N/A";
    return [obj.metadata.name ?? "", min, max, n(obj.status?.disruptionsAllowed), age(obj, ctx)];
  },
};

export const controllerRevisionTable: TableDef = {
  columns: [NAME, { name: "Controller" }, { name: "Revision" }, AGE],
  row(obj, ctx) {
    const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
    let controller = "<none>";
    if (ref) {
      const group = ref.apiVersion.includes("/") ? ref.apiVersion.split("/")[0] : "";
      controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
    }
    return [obj.metadata.name ?? "", controller, n(obj.revision), age(obj, ctx)];
  },
};

export const hpaTable: TableDef = {
  columns: [NAME, { name: "Reference" }, { name: "Targets" }, { name: "MinPods" }, { name: "MaxPods" }, { name: "Replicas" }, AGE],
  row(obj: KObject, ctx: PrintContext): Cell[] {
    const spec = obj.spec ?? {};
    const ref = spec.scaleTargetRef ?? {};
    const min = typeof spec.minReplicas === "number" ? String(spec.minReplicas) : "<unset>";
    return [obj.metadata.name ?? "", `${ref.kind ?? ""}/${ref.name ?? ""}`, formatHPAMetrics(spec.metrics ?? [], obj.status?.currentMetrics ?? []), min, n(spec.maxReplicas), n(obj.status?.currentReplicas), age(obj, ctx)];
  },
};

/** formatHPAMetrics: "cpu: 20%/50%", "<unknown>" until metrics arrive, at most two then "+ N more...". */
export function formatHPAMetrics(specs: any[], statuses: any[]): string {
  if (specs.length === 0) return "<none>";
  const list: string[] = [];
  specs.forEach((spec, i) => {
    const st = statuses.length > i ? statuses[i] : undefined;
    switch (spec.type) {
      case "Resource":
      case "ContainerResource": {
        const src = spec.type === "Resource" ? spec.resource : spec.containerResource;
        const cur = spec.type === "Resource" ? st?.resource : st?.containerResource;
        if (src?.target?.averageValue !== undefined) {
          list.push(`${src.name}: ${cur?.current?.averageValue ?? "<unknown>"}/${src.target.averageValue}`);
        } else {
          const current = cur && typeof cur.current?.averageUtilization === "number" ? `${cur.current.averageUtilization}%` : "<unknown>";
          const target = typeof src?.target?.averageUtilization === "number" ? `${src.target.averageUtilization}%` : "<auto>";
          list.push(`${src?.name ?? ""}: ${current}/${target}`);
        }
        break;
      }
      case "Pods":
        list.push(`${st?.pods?.current?.averageValue ?? "<unknown>"}/${spec.pods?.target?.averageValue ?? ""}`);
        break;
      case "Object":
      case "External": {
        const src = spec.type === "Object" ? spec.object : spec.external;
        const cur = spec.type === "Object" ? st?.object : st?.external;
        if (src?.target?.averageValue !== undefined) list.push(`${cur?.current?.averageValue ?? "<unknown>"}/${src.target.averageValue} (avg)`);
        else list.push(`${cur?.current?.value ?? "<unknown>"}/${src?.target?.value ?? ""}`);
        break;
      }
      default:
        list.push("<unknown type>");
    }
  });
  if (list.length > 2) return `${list.slice(0, 2).join(", ")} + ${list.length - 2} more...`;
  return list.join(", ");
}
