/**
 * Completion indexes of Indexed Jobs, after indexed_job_utils.go: ordered, merged intervals written
 * as `status.completedIndexes` / `status.failedIndexes` ("0-2,4", two neighbours as "5,6"), the
 * `batch.kubernetes.io/job-completion-index` annotation and label, the JOB_COMPLETION_INDEX variable
 * fed from it by the downward API, and the index failure counts of backoffLimitPerIndex.
 */
import type { Container, PodTemplateSpec } from "kubernetes-types/core/v1";
import type { KObject } from "../../api/types";

export const COMPLETION_INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";
export const INDEX_FAILURE_COUNT_ANNOTATION = "batch.kubernetes.io/job-index-failure-count";
export const INDEX_IGNORED_FAILURE_COUNT_ANNOTATION = "batch.kubernetes.io/job-index-ignored-failure-count";
export const COMPLETION_INDEX_ENV = "JOB_COMPLETION_INDEX";
export const UNKNOWN_INDEX = -1;

/** The longest generateName prefix the API server accepts before adding 5 characters (names.MaxGeneratedNameLength). */
const MAX_GENERATED_NAME_LENGTH = 58;

interface Interval {
  first: number;
  last: number;
}

/** A sorted list of disjoint, non-adjacent index intervals (orderedIntervals). */
export class OrderedIntervals {
  constructor(readonly intervals: readonly Interval[] = []) {}

  /** parseIndexesFromString: intervals at or beyond `completions` are dropped or cut. */
  static parse(text: string | undefined, completions: number): OrderedIntervals {
    if (!text) return new OrderedIntervals();
    const out: Interval[] = [];
    for (const part of text.split(",")) {
      const limits = part.split("-");
      const first = atoi(limits[0]);
      if (first === undefined) continue;
      if (first >= completions) break;
      let last = first;
      if (limits.length > 1) {
        const l = atoi(limits[1]);
        if (l === undefined) continue;
        last = Math.min(l, completions - 1);
      }
      const prev = out[out.length - 1];
      if (prev && prev.last === first - 1) prev.last = last;
      else out.push({ first, last });
    }
    return new OrderedIntervals(out);
  }

  /** merge: the union with other intervals. */
  merge(other: OrderedIntervals): OrderedIntervals {
    const out: Interval[] = [];
    const push = (iv: Interval) => {
      const last = out[out.length - 1];
      if (!last || iv.first > last.last + 1) out.push({ ...iv });
      else if (last.last < iv.last) last.last = iv.last;
    };
    let i = 0;
    let j = 0;
    const a = this.intervals;
    const b = other.intervals;
    while (i < a.length && j < b.length) push(a[i].first < b[j].first ? a[i++] : b[j++]);
    while (i < a.length) push(a[i++]);
    while (j < b.length) push(b[j++]);
    return new OrderedIntervals(out);
  }

  /** withOrderedIndexes: the union with individual indexes, given in increasing order. */
  withOrderedIndexes(indexes: readonly number[]): OrderedIntervals {
    return this.merge(new OrderedIntervals(indexes.map((x) => ({ first: x, last: x }))));
  }

  total(): number {
    let n = 0;
    for (const iv of this.intervals) n += iv.last - iv.first + 1;
    return n;
  }

  has(ix: number): boolean {
    let lo = 0;
    let hi = this.intervals.length;
    while (hi > lo) {
      const mid = lo + ((hi - lo) >> 1);
      if (this.intervals[mid].last >= ix) hi = mid;
      else lo = mid + 1;
    }
    return hi < this.intervals.length && this.intervals[hi].first <= ix;
  }

  toString(): string {
    return this.intervals.map((v) => (v.last > v.first ? `${v.first}${v.last === v.first + 1 ? "," : "-"}${v.last}` : `${v.first}`)).join(",");
  }
}

function atoi(s: string | undefined): number | undefined {
  if (s === undefined || !/^[+-]?\d+$/.test(s)) return undefined;
  return Number(s);
}

/** getCompletionIndex: the pod's index from its annotation, or UNKNOWN_INDEX. */
export function completionIndex(pod: KObject): number {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION];
  const n = atoi(v);
  return n === undefined || n < 0 ? UNKNOWN_INDEX : n;
}

/** The distinct indexes of some pods, ascending. */
export function indexesOf(pods: readonly KObject[]): number[] {
  const set = new Set<number>();
  for (const p of pods) {
    const ix = completionIndex(p);
    if (ix !== UNKNOWN_INDEX) set.add(ix);
  }
  return [...set].sort((a, b) => a - b);
}

/** firstPendingIndexes: up to `count` indexes below `completions` not covered by `nonPending`. */
export function firstPendingIndexes(nonPending: OrderedIntervals, count: number, completions: number): number[] {
  const out: number[] = [];
  if (count === 0) return out;
  let candidate = 0;
  for (const iv of nonPending.intervals) {
    for (; candidate < completions && out.length < count && candidate < iv.first; candidate++) out.push(candidate);
    if (candidate < iv.last + 1) candidate = iv.last + 1;
  }
  for (; candidate < completions && out.length < count; candidate++) out.push(candidate);
  return out;
}

/** addCompletionIndexEnvVariables: JOB_COMPLETION_INDEX from the index label, in every container. */
export function addCompletionIndexEnv(template: PodTemplateSpec): void {
  const add = (c: Container) => {
    if ((c.env ?? []).some((e) => e.name === COMPLETION_INDEX_ENV)) return;
    c.env = [...(c.env ?? []), { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX_ANNOTATION}']` } } }];
  };
  for (const c of template.spec?.initContainers ?? []) add(c);
  for (const c of template.spec?.containers ?? []) add(c);
}

/** podGenerateNameWithIndex: `<job>-<index>-`, the job name cut so the whole stays a valid prefix. */
export function generateNameWithIndex(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const prefix = jobName + suffix;
  return prefix.length > MAX_GENERATED_NAME_LENGTH ? prefix.slice(0, MAX_GENERATED_NAME_LENGTH - suffix.length) + suffix : prefix;
}

function annotationCount(pod: KObject, key: string): number {
  const n = atoi(pod.metadata.annotations?.[key]);
  return n === undefined || n < 0 || n > 2147483647 ? 0 : n;
}

/** getIndexFailureCount: the failures counted against the index so far. */
export function indexFailureCount(pod: KObject): number {
  return annotationCount(pod, INDEX_FAILURE_COUNT_ANNOTATION);
}

/** getIndexAbsoluteFailureCount: counted and ignored failures together. */
export function indexAbsoluteFailureCount(pod: KObject): number {
  return annotationCount(pod, INDEX_FAILURE_COUNT_ANNOTATION) + annotationCount(pod, INDEX_IGNORED_FAILURE_COUNT_ANNOTATION);
}

/** The failure counts a replacement of `replaced` inherits (getNewIndexFailureCounts). */
export function newIndexFailureCounts(replaced: KObject | undefined, counted: boolean): { failures: number; ignored: number } {
  if (!replaced) return { failures: 0, ignored: 0 };
  const failures = annotationCount(replaced, INDEX_FAILURE_COUNT_ANNOTATION);
  const ignored = annotationCount(replaced, INDEX_IGNORED_FAILURE_COUNT_ANNOTATION);
  return counted ? { failures: failures + 1, ignored } : { failures, ignored: ignored + 1 };
}
