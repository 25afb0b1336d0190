/**
 * The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go): every 15 s it
 * reads each HPA's target through the scale subresource, computes a replica count for every metric
 * (resource metrics from metrics-server: CPU or memory utilization of the pods' requests, or an
 * average value), takes the largest, stabilizes and limits it (hpa-normalize.ts), writes the target's
 * spec.replicas with a SuccessfulRescale event, and records what it saw in the HPA's status:
 * currentReplicas, desiredReplicas, currentMetrics, lastScaleTime, and the AbleToScale, ScalingActive
 * and ScalingLimited conditions with Kubernetes' reasons and messages.
 */
import type { KObject } from "../api/types";
import { parseSelector, type Selector } from "../api/labels";
import { parseQuantity } from "../api/quantity";
import { deepClone, deepEqual } from "../util/object";
import { Controller, keyOf, splitKey } from "./controller";
import { hpaConfig } from "./hpa-config";
import { normalizeDesiredReplicas, normalizeWithBehaviors, storeScaleEvent, type Behavior, type ConditionSpec, type HPAMemory } from "./hpa-normalize";
import { getRawResourceReplicas, getResourceReplicas, type Proposal } from "./hpa-replica-calculator";
import { getScale, referenceOf, ScaleError, updateScale, type Scale } from "./hpa-scale";

/** The event source of the controller. */
export const HPA_COMPONENT = "horizontal-pod-autoscaler";

type Condition = { type: string; status: string; lastTransitionTime?: string; reason: string; message: string };
type MetricSpec = Record<string, any>;
type MetricStatus = Record<string, any>;

/** A metric that could not be computed: the condition it implies and the error. */
class MetricError extends Error {
  constructor(
    message: string,
    readonly condition: ConditionSpec,
    readonly type: string,
  ) {
    super(message);
  }
}

/** NewMilliQuantity(v, DecimalSI).String(). */
export function formatMilliQuantity(milli: number): string {
  if (milli === 0) return "0";
  if (milli % 1000 !== 0) return `${milli}m`;
  const v = milli / 1000;
  for (const [suffix, exp] of [["E", 18], ["P", 15], ["T", 12], ["G", 9], ["M", 6], ["k", 3]] as const) {
    const unit = 10 ** exp;
    if (Math.abs(v) >= unit && v % unit === 0) return `${v / unit}${suffix}`;
  }
  return String(v);
}

export class HorizontalPodAutoscalerController extends Controller {
  readonly name = HPA_COMPONENT;
  private readonly memory = new Map<string, HPAMemory>();

  override get actor(): string {
    return "horizontal-pod-autoscaler-controller";
  }

  protected setup(): void {
    // Requests always wait a sync period in the queue (NewDefaultHPARateLimiter): a new HPA is first
    // reconciled 15 s after it is created, and then every 15 s.
    this.cluster.api.watch("HorizontalPodAutoscaler", (e) => {
      const key = keyOf(e.object.metadata.namespace, e.object.metadata.name!);
      if (e.type === "DELETED") this.memory.delete(key);
      else this.enqueueAfter(key, hpaConfig(this.cluster, "syncPeriod"));
    });
    for (const hpa of this.cluster.store.each("HorizontalPodAutoscaler")) this.enqueueAfter(keyOf(hpa.metadata.namespace, hpa.metadata.name!), hpaConfig(this.cluster, "syncPeriod"));
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const hpa = this.cluster.store.get("HorizontalPodAutoscaler", namespace, name);
    if (!hpa) {
      this.memory.delete(key);
      return;
    }
    try {
      this.reconcileAutoscaler(hpa, key);
    } finally {
      this.enqueueAfter(key, hpaConfig(this.cluster, "syncPeriod"));
    }
  }

  private event(hpa: KObject, type: "Normal" | "Warning", reason: string, message: string): void {
    this.cluster.events.record(hpa, type, reason, message, { component: HPA_COMPONENT });
  }

  private memoryOf(key: string): HPAMemory {
    let m = this.memory.get(key);
    if (!m) this.memory.set(key, (m = { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] }));
    return m;
  }

  /** reconcileAutoscaler. */
  private reconcileAutoscaler(stored: KObject, key: string): void {
    const hpa = deepClone(stored);
    const original = deepClone(stored.status ?? {});
    const conditions: Condition[] = [...(hpa.status?.conditions ?? [])].map((c: Condition) => ({ ...c }));
    const now = this.cluster.clock.now;
    const setCondition = (type: string, [status, reason, message]: ConditionSpec) => {
      let c = conditions.find((x) => x.type === type);
      if (!c) conditions.push((c = { type, status: "", reason, message }));
      if (c.status !== status) c.lastTransitionTime = this.cluster.clock.timestamp();
      c.status = status;
      c.reason = reason;
      c.message = message;
    };
    const ns = hpa.metadata.namespace ?? "default";
    const spec = hpa.spec ?? {};
    const ref = spec.scaleTargetRef ?? {};
    const writeStatus = (currentReplicas: number, desiredReplicas: number, metrics: MetricStatus[] | undefined, rescale: boolean) => {
      const status: Record<string, unknown> = {};
      const lastScaleTime = rescale ? this.cluster.clock.timestamp() : hpa.status?.lastScaleTime;
      if (lastScaleTime) status.lastScaleTime = lastScaleTime;
      status.currentReplicas = currentReplicas;
      status.desiredReplicas = desiredReplicas;
      if (metrics && metrics.length > 0) status.currentMetrics = metrics;
      if (conditions.length > 0) status.conditions = conditions.map(orderCondition);
      if (deepEqual(status, original)) return;
      this.cluster.api.updateStatus({ ...stored, status }, { actor: this.actor });
    };

    let scale: Scale;
    try {
      scale = getScale(this.cluster, ns, ref).scale;
    } catch (e) {
      if (!(e instanceof ScaleError)) throw e;
      this.event(hpa, "Warning", "FailedGetScale", e.message);
      setCondition("AbleToScale", ["False", "FailedGetScale", `the HPA controller was unable to get the target's current scale: ${e.message}`]);
      writeStatus(hpa.status?.currentReplicas ?? 0, hpa.status?.desiredReplicas ?? 0, hpa.status?.currentMetrics, false);
      return;
    }
    setCondition("AbleToScale", ["True", "SucceededGetScale", "the HPA controller was able to get the target's current scale"]);
    const current = scale.specReplicas;
    const memory = this.memoryOf(key);
    if (memory.recommendations.length === 0) memory.recommendations.push({ replicas: current, time: now });
    const min = typeof spec.minReplicas === "number" ? spec.minReplicas : 1;
    const max = spec.maxReplicas ?? 0;
    let desired = 0;
    let rescaleReason = "";
    let rescale = true;
    let statuses: MetricStatus[] | undefined;
    if (current === 0 && min !== 0) {
      rescale = false;
      setCondition("ScalingActive", ["False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero"]);
    } else if (current > max) {
      rescaleReason = "Current number of replicas above Spec.MaxReplicas";
      desired = max;
    } else if (current < min) {
      rescaleReason = "Current number of replicas below Spec.MinReplicas";
      desired = min;
    } else {
      const r = this.computeReplicasForMetrics(hpa, scale, spec.metrics ?? [], setCondition);
      statuses = r.statuses;
      if (r.error && r.replicas === -1) {
        writeStatus(current, hpa.status?.desiredReplicas ?? 0, statuses, false);
        this.event(hpa, "Warning", "FailedComputeMetricsReplicas", r.error);
        return;
      }
      if (r.replicas > desired) desired = r.replicas;
      if (desired > current) rescaleReason = `${r.metric} above target`;
      if (desired < current) rescaleReason = "All metrics below target";
      const behavior = behaviorOf(spec.behavior, hpaConfig(this.cluster, "downscaleStabilization"));
      const n = behavior
        ? normalizeWithBehaviors(memory, now, behavior, current, desired, min, max)
        : normalizeDesiredReplicas(memory, now, hpaConfig(this.cluster, "downscaleStabilization"), current, desired, min, max);
      setCondition("AbleToScale", n.ableToScale);
      setCondition("ScalingLimited", n.scalingLimited);
      desired = n.desired;
      rescale = desired !== current;
    }
    if (rescale) {
      try {
        updateScale(this.cluster, ns, ref, desired, this.actor);
      } catch (e) {
        const msg = (e as Error).message;
        this.event(hpa, "Warning", "FailedRescale", `New size: ${desired}; reason: ${rescaleReason}; error: ${msg}`);
        setCondition("AbleToScale", ["False", "FailedUpdateScale", `the HPA controller was unable to update the target scale: ${msg}`]);
        writeStatus(current, hpa.status?.desiredReplicas ?? 0, statuses, false);
        return;
      }
      setCondition("AbleToScale", ["True", "SucceededRescale", `the HPA controller was able to update the target scale to ${desired}`]);
      this.event(hpa, "Normal", "SuccessfulRescale", `New size: ${desired}; reason: ${rescaleReason}`);
      const trace = this.cluster.trace;
      if (trace.active) trace.emit({ time: now, component: HPA_COMPONENT, action: "rescale", object: { kind: ref.kind ?? "", namespace: ns, name: ref.name ?? "" }, detail: { from: current, to: desired, reason: rescaleReason } });
      storeScaleEvent(memory, behaviorOf(spec.behavior, hpaConfig(this.cluster, "downscaleStabilization")), now, current, desired);
    } else desired = current;
    writeStatus(current, desired, statuses, rescale);
  }

  /** computeReplicasForMetrics: the largest proposal, or -1 with the first metric's error. */
  private computeReplicasForMetrics(hpa: KObject, scale: Scale, specs: MetricSpec[], setCondition: (type: string, c: ConditionSpec) => void): { replicas: number; metric: string; statuses: MetricStatus[]; error?: string } {
    if (scale.selector === "" || scale.selector === "<none>") {
      this.event(hpa, "Warning", "SelectorRequired", "selector is required");
      setCondition("ScalingActive", ["False", "InvalidSelector", "the HPA target's scale is missing a selector"]);
      return { replicas: -1, metric: "", statuses: [], error: "selector is required" };
    }
    let selector: Selector;
    try {
      selector = parseSelector(scale.selector);
    } catch (e) {
      const msg = `couldn't convert selector into a corresponding internal selector object: ${(e as Error).message}`;
      this.event(hpa, "Warning", "InvalidSelector", msg);
      setCondition("ScalingActive", ["False", "InvalidSelector", msg]);
      return { replicas: -1, metric: "", statuses: [], error: msg };
    }
    const statuses: MetricStatus[] = specs.map(() => ({ type: "" }));
    let replicas = 0;
    let metric = "";
    let invalid = 0;
    let first: MetricError | undefined;
    specs.forEach((s, i) => {
      try {
        const r = this.computeReplicasForMetric(hpa, s, scale, selector);
        statuses[i] = r.status;
        if (replicas === 0 || r.replicas > replicas) {
          replicas = r.replicas;
          metric = r.metric;
        }
      } catch (e) {
        if (!(e instanceof MetricError)) throw e;
        if (!first) first = e;
        invalid++;
      }
    });
    const error = first ? `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${first.message}` : undefined;
    if (first && (invalid >= specs.length || replicas < scale.specReplicas)) {
      setCondition("ScalingActive", first.condition);
      return { replicas: -1, metric: "", statuses, error };
    }
    setCondition("ScalingActive", ["True", "ValidMetricFound", `the HPA was able to successfully calculate a replica count from ${metric}`]);
    return { replicas, metric, statuses, error };
  }

  /** computeReplicasForMetric for one metric spec. */
  private computeReplicasForMetric(hpa: KObject, spec: MetricSpec, scale: Scale, selector: Selector): { replicas: number; metric: string; status: MetricStatus } {
    const ns = hpa.metadata.namespace ?? "default";
    const unable = (reason: string, message: string, wrapped: string): MetricError => {
      this.event(hpa, "Warning", reason, message);
      return new MetricError(wrapped, ["False", reason, `the HPA was unable to compute the replica count: ${message}`], spec.type);
    };
    if (spec.type === "Resource" || spec.type === "ContainerResource") {
      const src = spec.type === "Resource" ? spec.resource : spec.containerResource;
      const name = src?.name ?? "";
      const container = spec.type === "Resource" ? "" : (src?.container ?? "");
      const reason = spec.type === "Resource" ? "FailedGetResourceMetric" : "FailedGetContainerResourceMetric";
      const wrap = (m: string) => (spec.type === "Resource" ? `failed to get ${name} resource metric value: ${m}` : `failed to get ${container} container metric value: ${m}`);
      const target = src?.target ?? {};
      if (target.averageValue !== undefined) {
        let p: Proposal;
        try {
          p = getRawResourceReplicas(this.cluster, scale.specReplicas, Math.ceil((parseQuantity(target.averageValue) ?? 0) * 1000 - 1e-9), name, ns, selector, container);
        } catch (e) {
          const m = `failed to get ${name} usage: ${(e as Error).message}`;
          throw unable(reason, m, wrap(m));
        }
        const current = { averageValue: formatMilliQuantity(p.rawMilli) };
        return { replicas: p.replicas, metric: `${name} resource`, status: statusOf(spec.type, name, container, current) };
      }
      if (target.averageUtilization === undefined) {
        const m = "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set";
        throw unable(reason, m, wrap(m));
      }
      let p: Proposal;
      try {
        p = getResourceReplicas(this.cluster, scale.specReplicas, target.averageUtilization, name, ns, selector, container);
      } catch (e) {
        const m = `failed to get ${name} utilization: ${(e as Error).message}`;
        throw unable(reason, m, wrap(m));
      }
      const metric = spec.type === "Resource" ? `${name} resource utilization (percentage of request)` : `${name} container resource utilization (percentage of request)`;
      const current = { averageValue: formatMilliQuantity(p.rawMilli), averageUtilization: p.utilization };
      return { replicas: p.replicas, metric, status: statusOf(spec.type, name, container, current) };
    }
    // No custom or external metrics API is registered in this cluster.
    if (spec.type === "Pods") {
      const metricName = spec.pods?.metric?.name ?? "";
      const m = `unable to get metric ${metricName}: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered`;
      throw unable("FailedGetPodsMetric", m, `failed to get pods metric value: ${m}`);
    }
    if (spec.type === "Object") {
      const metricName = spec.object?.metric?.name ?? "";
      const m = `unable to get metric ${metricName}: ${spec.object?.describedObject?.kind ?? ""} on ${ns} ${spec.object?.describedObject?.name ?? ""}/unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered`;
      throw unable("FailedGetObjectMetric", m, `failed to get object metric value: ${m}`);
    }
    if (spec.type === "External") {
      const metricName = spec.external?.metric?.name ?? "";
      const m = `unable to get external metric ${ns}/${metricName}/nil: unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered`;
      throw unable("FailedGetExternalMetric", m, `failed to get ${metricName} external metric value: ${m}`);
    }
    const m = `unknown metric source type "${spec.type}"`;
    throw unable("InvalidMetricSourceType", m, m);
  }
}

function statusOf(type: string, name: string, container: string, current: Record<string, unknown>): MetricStatus {
  return type === "Resource" ? { type, resource: { name, current } } : { type, containerResource: { name, container, current } };
}

/** A condition's fields in the API's order. */
function orderCondition(c: Condition): Condition {
  return { type: c.type, status: c.status, ...(c.lastTransitionTime ? { lastTransitionTime: c.lastTransitionTime } : {}), reason: c.reason, message: c.message };
}

/** spec.behavior as the controller uses it (the API server has defaulted both directions). */
function behaviorOf(b: Record<string, any> | undefined, downscaleWindowMs: number): Behavior | undefined {
  if (!b) return undefined;
  const rules = (r: Record<string, any> | undefined, window: number) => ({
    stabilizationWindowSeconds: r?.stabilizationWindowSeconds ?? window,
    selectPolicy: r?.selectPolicy ?? "Max",
    policies: r?.policies ?? [],
  });
  return { scaleUp: rules(b.scaleUp, 0), scaleDown: rules(b.scaleDown, downscaleWindowMs / 1000) };
}

/** The reference of an HPA's target ("Deployment/default/php-apache"). */
export function targetReference(hpa: KObject): string {
  return referenceOf(hpa.metadata.namespace ?? "default", hpa.spec?.scaleTargetRef ?? {});
}
