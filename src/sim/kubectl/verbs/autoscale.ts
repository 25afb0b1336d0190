/**
 * `kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS
 * [--cpu-percent=CPU]`: creates a HorizontalPodAutoscaler for a Deployment, ReplicaSet, StatefulSet
 * or ReplicationController, named after it (or --name), and prints
 * `horizontalpodautoscaler.autoscaling/php-apache autoscaled`. kubectl v1.31 sends an autoscaling/v1
 * object (targetCPUUtilizationPercentage); the server keeps it as the equivalent autoscaling/v2 one.
 */
import { kindInfo } from "../../api/kinds";
import type { KObject } from "../../api/types";
import { buildInfos } from "../builder";
import { KubectlError } from "../kubectl";
import { ObjectPrinter, PRINT_FLAGS, printWarnings } from "../output";
import { FILENAME_FLAGS } from "../resources";
import type { Invocation, Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy, fieldManagerFlag, requestOptions, SAVE_CONFIG_FLAG } from "../write-options";
import { lastAppliedValue, LAST_APPLIED_ANNOTATION } from "../apply/last-applied";
import { typedMeta } from "./create/common";

/** The kinds discovery lists with a scale subresource, and their group/version. */
const SCALABLE: Record<string, string> = { Deployment: "apps/v1", ReplicaSet: "apps/v1", StatefulSet: "apps/v1", ReplicationController: "v1" };

/** The autoscaling/v1 form kubectl sent and gets back (the server keeps autoscaling/v2). */
function asV1(hpa: KObject): KObject {
  const spec: Record<string, unknown> = { ...hpa.spec };
  const cpu = (hpa.spec?.metrics ?? []).find((m: Record<string, any>) => m.type === "Resource" && m.resource?.name === "cpu" && m.resource?.target?.type === "Utilization");
  delete spec.metrics;
  delete spec.behavior;
  if (cpu) spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
  const st = hpa.status ?? {};
  const status: Record<string, unknown> = {};
  if (st.lastScaleTime) status.lastScaleTime = st.lastScaleTime;
  status.currentReplicas = st.currentReplicas ?? 0;
  status.desiredReplicas = st.desiredReplicas ?? 0;
  return { ...hpa, apiVersion: "autoscaling/v1", spec, status };
}

async function run(inv: Invocation): Promise<number> {
  if (!inv.isSet("max")) throw new KubectlError('required flag(s) "max" not set');
  const min = inv.flag<number>("min");
  const max = inv.flag<number>("max");
  const cpu = inv.flag<number>("cpu-percent");
  if (max < 1) throw new KubectlError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new KubectlError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const { visits } = buildInfos(inv, { args: inv.args, filenames: true, latest: true });
  const dryRun = dryRunStrategy(inv);
  const printer = new ObjectPrinter(inv, inv.flag<string | undefined>("output"), dryRun);
  let count = 0;
  for (const v of visits) {
    if (!v.info) throw v.error;
    const r = v.info;
    const gv = SCALABLE[r.info.kind];
    if (!gv) {
      const resource = `${r.info.group ? `${r.info.group}/` : "/"}${r.info.version}, Resource=${r.info.plural}`;
      throw new KubectlError(`cannot autoscale a ${r.info.kind}: could not find scale subresource for ${resource} in discovery information`);
    }
    const name = inv.flag<string | undefined>("name") || r.name;
    const spec: Record<string, unknown> = { scaleTargetRef: { apiVersion: gv, kind: r.info.kind, name: r.name } };
    if (min > 0) spec.minReplicas = min;
    spec.maxReplicas = max;
    // autoscaling/v1's targetCPUUtilizationPercentage, in its autoscaling/v2 form.
    if (cpu >= 0) spec.metrics = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: cpu } } }];
    const hpa: KObject = {
      kind: "HorizontalPodAutoscaler",
      apiVersion: "autoscaling/v2",
      metadata: typedMeta(name, { namespace: inv.isSet("namespace") ? inv.namespace : undefined }),
      spec,
      status: { currentMetrics: null, desiredReplicas: 0 },
    };
    const info = kindInfo("HorizontalPodAutoscaler")!;
    if (dryRun === "client") {
      printer.print(asV1(hpa), "created", { typed: true, info });
      count++;
      continue;
    }
    const body: KObject = JSON.parse(JSON.stringify(hpa)) as KObject;
    if (inv.flag<boolean | undefined>("save-config")) body.metadata.annotations = { [LAST_APPLIED_ANNOTATION]: lastAppliedValue(hpa, false) };
    body.metadata.namespace = r.namespace ?? inv.namespace;
    const request = requestOptions(inv, inv.flag<string>("field-manager") ?? "kubectl-autoscale", { dryRun: dryRun === "server" });
    let created: KObject;
    try {
      created = inv.cluster.api.create(body, request);
    } finally {
      printWarnings(inv, request.warnings);
    }
    printer.print(asV1(created), "autoscaled", { info });
    count++;
  }
  if (count === 0) throw new KubectlError("no objects passed to autoscale");
  return 0;
}

export const autoscale: Verb = {
  name: "autoscale",
  summary: "Auto-scale a deployment, replica set, stateful set, or replication controller",
  usage: "kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]",
  flags: [
    ...PRINT_FLAGS,
    ...FILENAME_FLAGS,
    { name: "min", type: "int", default: -1, help: "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value." },
    { name: "max", type: "int", default: -1, help: "The upper limit for the number of pods that can be set by the autoscaler. Required." },
    { name: "cpu-percent", type: "int", default: -1, help: "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used." },
    { name: "name", type: "string", help: "The name for the newly created object. If not specified, the name of the input resource will be used." },
    DRY_RUN_FLAG,
    SAVE_CONFIG_FLAG,
    fieldManagerFlag("kubectl-autoscale"),
  ],
  run,
};
