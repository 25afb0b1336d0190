import { describe, expect, it } from "vitest";
import { firstPendingIndexes, generateNameWithIndex, OrderedIntervals } from "./indexes";

describe("completion indexes", () => {
  it("writes intervals as Kubernetes does: ranges with a dash, two neighbours with a comma", () => {
    expect(new OrderedIntervals().withOrderedIndexes([0, 1, 2, 4]).toString()).toBe("0-2,4");
    expect(new OrderedIntervals().withOrderedIndexes([5, 6]).toString()).toBe("5,6");
    expect(new OrderedIntervals().withOrderedIndexes([3]).toString()).toBe("3");
    expect(new OrderedIntervals().toString()).toBe("");
  });

  it("parses status.completedIndexes, merging neighbours and dropping what is beyond completions", () => {
    const oi = OrderedIntervals.parse("0-2,3,7-9,12", 9);
    expect(oi.toString()).toBe("0-3,7,8");
    expect(oi.total()).toBe(6);
    expect(oi.has(3)).toBe(true);
    expect(oi.has(4)).toBe(false);
    expect(OrderedIntervals.parse("x,1", 5).toString()).toBe("1");
  });

  it("merges, and finds the first pending indexes around what is done or running", () => {
    const done = OrderedIntervals.parse("1,4-5", 10);
    expect(done.merge(OrderedIntervals.parse("2-3", 10)).toString()).toBe("1-5");
    expect(firstPendingIndexes(done.withOrderedIndexes([0]), 3, 10)).toEqual([2, 3, 6]);
    expect(firstPendingIndexes(done, 10, 7)).toEqual([0, 2, 3, 6]);
    expect(firstPendingIndexes(done, 0, 7)).toEqual([]);
  });

  it("cuts a long job name so the generated pod name stays valid", () => {
    expect(generateNameWithIndex("indexed-job", 3)).toBe("indexed-job-3-");
    const long = generateNameWithIndex("x".repeat(60), 12);
    expect(long).toHaveLength(58);
    expect(long.endsWith("-12-")).toBe(true);
  });
});
