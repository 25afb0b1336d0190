/**
 * Score helpers the plugins share (framework/plugins/helper and noderesources/resource_allocation.go):
 * the default normalization, and the requested-to-allocatable scorers behind LeastAllocated and
 * BalancedAllocation, written for the two resources the default profile weighs (cpu, memory) so the
 * per-node hot path allocates nothing.
 */
import { MAX_NODE_SCORE } from "./plugin";

/** Go's integer division: truncates toward zero. */
export function idiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

/**
 * helper.DefaultNormalizeScore: scales scores so the highest becomes `max`; `reverse` flips them
 * (a higher raw score is worse). All zero stays zero, or becomes `max` when reversed.
 */
export function defaultNormalizeScore(max: number, reverse: boolean, scores: Float64Array): void {
  let maxCount = 0;
  for (const s of scores) if (s > maxCount) maxCount = s;
  if (maxCount === 0) {
    if (reverse) for (let i = 0; i < scores.length; i++) scores[i] = max;
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = idiv(max * scores[i], maxCount);
    if (reverse) s = max - s;
    scores[i] = s;
  }
}

/** LeastAllocated for one resource: the share left free, 0..100. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return idiv((capacity - requested) * MAX_NODE_SCORE, capacity);
}

/**
 * LeastAllocated over CPU and memory (weight 1 each, the default): the mean of the free shares,
 * skipping a resource the node has none of.
 */
export function leastAllocatedCpuMemory(reqCPU: number, allocCPU: number, reqMem: number, allocMem: number): number {
  let score = 0;
  let weights = 0;
  if (allocCPU !== 0) {
    score += leastRequestedScore(reqCPU, allocCPU);
    weights++;
  }
  if (allocMem !== 0) {
    score += leastRequestedScore(reqMem, allocMem);
    weights++;
  }
  return weights === 0 ? 0 : idiv(score, weights);
}

/**
 * BalancedAllocation over CPU and memory: 100 × (1 − the standard deviation of the requested
 * fractions, each capped at 1), so a node whose CPU and memory fill evenly scores high.
 */
export function balancedCpuMemory(reqCPU: number, allocCPU: number, reqMem: number, allocMem: number): number {
  if (allocCPU === 0 || allocMem === 0) return MAX_NODE_SCORE;
  const std = Math.abs((Math.min(1, reqCPU / allocCPU) - Math.min(1, reqMem / allocMem)) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}
