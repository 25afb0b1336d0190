/**
 * How the HPA turns a metric proposal into the replica count it sets (horizontal.go): without a
 * behavior, the highest recommendation of the last five minutes (so scale-down waits) clamped to
 * [minReplicas, max(2×current, 4) and maxReplicas]; with a behavior, the scale-up and scale-down
 * stabilization windows, then the rate limits of their policies over the recent scale events.
 * Each returns the AbleToScale and ScalingLimited conditions it implies.
 */

/** A recommendation the controller remembers (timestampedRecommendation). */
export interface Recommendation {
  replicas: number;
  time: number;
}

/** A scale event the controller remembers (timestampedScaleEvent), its change as a positive number. */
export interface ScaleEvent {
  change: number;
  time: number;
  outdated: boolean;
}

/** What the controller keeps per HPA between syncs. */
export interface HPAMemory {
  recommendations: Recommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export interface ScalingPolicy {
  type: "Pods" | "Percent";
  value: number;
  periodSeconds: number;
}

export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: "Max" | "Min" | "Disabled";
  policies?: ScalingPolicy[];
}

/** A condition to set: [status, reason, message]. */
export type ConditionSpec = [status: "True" | "False", reason: string, message: string];

export interface Normalized {
  desired: number;
  ableToScale: ConditionSpec;
  scalingLimited: ConditionSpec;
}

const READY: ConditionSpec = ["True", "ReadyForNewScale", "recommended size matches current size"];
const WITHIN_RANGE = ["DesiredWithinRange", "the desired count is within the acceptable range"] as const;

/** stabilizeRecommendation: the highest recommendation within the window; the oldest outside it is replaced. */
function stabilizeRecommendation(memory: HPAMemory, now: number, windowMs: number, prenormalized: number): number {
  let max = prenormalized;
  let oldIndex = -1;
  const cutoff = now - windowMs;
  memory.recommendations.forEach((r, i) => {
    if (r.time < cutoff) oldIndex = i;
    else if (r.replicas > max) max = r.replicas;
  });
  const rec = { replicas: prenormalized, time: now };
  if (oldIndex >= 0) memory.recommendations[oldIndex] = rec;
  else memory.recommendations.push(rec);
  return max;
}

/** normalizeDesiredReplicas: HPAs without a behavior. */
export function normalizeDesiredReplicas(memory: HPAMemory, now: number, windowMs: number, current: number, prenormalized: number, min: number, max: number): Normalized {
  const stabilized = stabilizeRecommendation(memory, now, windowMs, prenormalized);
  const ableToScale: ConditionSpec = stabilized !== prenormalized ? ["True", "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation"] : READY;
  // Do not scale up too much at once, in case of bogus usage (scaleUpLimitFactor 2, minimum 4).
  const scaleUpLimit = Math.max(2 * current, 4);
  let maximum: number;
  let limiting: [string, string];
  if (max > scaleUpLimit) {
    maximum = scaleUpLimit;
    limiting = ["ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"];
  } else {
    maximum = max;
    limiting = ["TooManyReplicas", "the desired replica count is more than the maximum replica count"];
  }
  let desired = stabilized;
  let reason: [string, string] = [...WITHIN_RANGE];
  if (stabilized < min) {
    desired = min;
    reason = ["TooFewReplicas", "the desired replica count is less than the minimum replica count"];
  } else if (stabilized > maximum) {
    desired = maximum;
    reason = limiting;
  }
  return { desired, ableToScale, scalingLimited: [desired === stabilized ? "False" : "True", reason[0], reason[1]] };
}

/** The behavior with kube-controller-manager's window for a scale-down that names none. */
export interface Behavior {
  scaleUp: Required<ScalingRules>;
  scaleDown: Required<ScalingRules>;
}

/** stabilizeRecommendationWithBehaviors: the current count, pushed up to the lowest recent recommendation and down to the highest. */
function stabilizeWithBehaviors(memory: HPAMemory, now: number, behavior: Behavior, current: number, desired: number): { recommendation: number; reason: string; message: string } {
  let up = desired;
  let down = desired;
  const upCutoff = now - behavior.scaleUp.stabilizationWindowSeconds * 1000;
  const downCutoff = now - behavior.scaleDown.stabilizationWindowSeconds * 1000;
  let oldIndex = -1;
  memory.recommendations.forEach((r, i) => {
    if (r.time > upCutoff) up = Math.min(r.replicas, up);
    if (r.time > downCutoff) down = Math.max(r.replicas, down);
    if (r.time < upCutoff && r.time < downCutoff) oldIndex = i;
  });
  let recommendation = current;
  if (recommendation < up) recommendation = up;
  if (recommendation > down) recommendation = down;
  const rec = { replicas: desired, time: now };
  if (oldIndex >= 0) memory.recommendations[oldIndex] = rec;
  else memory.recommendations.push(rec);
  return desired >= current
    ? { recommendation, reason: "ScaleUpStabilized", message: "recent recommendations were lower than current one, applying the lowest recent recommendation" }
    : { recommendation, reason: "ScaleDownStabilized", message: "recent recommendations were higher than current one, applying the highest recent recommendation" };
}

function changeInPeriod(events: ScaleEvent[], now: number, periodSeconds: number): number {
  const cutoff = now - periodSeconds * 1000;
  let sum = 0;
  for (const e of events) if (e.time > cutoff) sum += e.change;
  return sum;
}

/** calculateScaleUpLimitWithScalingRules. */
function scaleUpLimit(memory: HPAMemory, now: number, current: number, rules: Required<ScalingRules>): number {
  if (rules.selectPolicy === "Disabled") return current;
  const min = rules.selectPolicy === "Min";
  let result = min ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const p of rules.policies) {
    const start = current - changeInPeriod(memory.scaleUpEvents, now, p.periodSeconds) + changeInPeriod(memory.scaleDownEvents, now, p.periodSeconds);
    const proposed = p.type === "Pods" ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = min ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors. */
function scaleDownLimit(memory: HPAMemory, now: number, current: number, rules: Required<ScalingRules>): number {
  if (rules.selectPolicy === "Disabled") return current;
  const min = rules.selectPolicy === "Min";
  let result = min ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const p of rules.policies) {
    const start = current - changeInPeriod(memory.scaleUpEvents, now, p.periodSeconds) + changeInPeriod(memory.scaleDownEvents, now, p.periodSeconds);
    const proposed = p.type === "Pods" ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = min ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** normalizeDesiredReplicasWithBehaviors. */
export function normalizeWithBehaviors(memory: HPAMemory, now: number, behavior: Behavior, current: number, prenormalized: number, min: number, max: number): Normalized {
  const s = stabilizeWithBehaviors(memory, now, behavior, current, prenormalized);
  const ableToScale: ConditionSpec = s.recommendation !== prenormalized ? ["True", s.reason, s.message] : READY;
  const desired = s.recommendation;
  let result = desired;
  let reason: [string, string] = [...WITHIN_RANGE];
  if (desired > current) {
    const limit = Math.max(scaleUpLimit(memory, now, current, behavior.scaleUp), current);
    const [maximum, why]: [number, [string, string]] = max > limit ? [limit, ["ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"]] : [max, ["TooManyReplicas", "the desired replica count is more than the maximum replica count"]];
    if (desired > maximum) {
      result = maximum;
      reason = why;
    }
  } else if (desired < current) {
    const limit = Math.min(scaleDownLimit(memory, now, current, behavior.scaleDown), current);
    const [minimum, why]: [number, [string, string]] = min < limit ? [limit, ["ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate"]] : [min, ["TooFewReplicas", "the desired replica count is less than the minimum replica count"]];
    if (desired < minimum) {
      result = minimum;
      reason = why;
    }
  }
  return { desired: result, ableToScale, scalingLimited: [result === desired ? "False" : "True", reason[0], reason[1]] };
}

/** storeScaleEvent: remembered only for HPAs with a behavior; outdated events are reused. */
export function storeScaleEvent(memory: HPAMemory, behavior: Behavior | undefined, now: number, prev: number, next: number): void {
  if (!behavior) return;
  const up = next > prev;
  const events = up ? memory.scaleUpEvents : memory.scaleDownEvents;
  const rules = up ? behavior.scaleUp : behavior.scaleDown;
  const longest = Math.max(0, ...rules.policies.map((p) => p.periodSeconds));
  const cutoff = now - longest * 1000;
  let reuse = -1;
  events.forEach((e, i) => {
    if (e.time < cutoff) e.outdated = true;
    if (e.outdated) reuse = i;
  });
  const event = { change: Math.abs(next - prev), time: now, outdated: false };
  if (reuse >= 0) events[reuse] = event;
  else events.push(event);
}
