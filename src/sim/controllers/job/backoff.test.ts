import { describe, expect, it } from "vitest";
import type { Pod } from "kubernetes-types/core/v1";
import { nextBackoffRecord, remainingBackoff } from "./backoff";

const parse = (ts: string) => Date.parse(ts);

function finished(phase: "Succeeded" | "Failed", at: string): Pod {
  return { metadata: { creationTimestamp: "2025-01-01T00:00:00Z" }, spec: { containers: [{ name: "c" }] }, status: { phase, containerStatuses: [{ name: "c", image: "", imageID: "", ready: false, restartCount: 0, state: { terminated: { exitCode: phase === "Failed" ? 1 : 0, finishedAt: at } } }] } };
}

describe("pod failure back-off", () => {
  it("doubles from 10 s with each failure after the last success, up to the cap", () => {
    const base = 10_000;
    const max = 600_000;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => remainingBackoff(n, 0, 0, base, max))).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000]);
    expect(remainingBackoff(0, 0, 0, base, max)).toBe(0);
    expect(remainingBackoff(2, 0, 15_000, base, max)).toBe(5_000);
    expect(remainingBackoff(2, 0, 25_000, base, max)).toBe(0);
  });

  it("counts failures since the last success, timed by when the containers finished", () => {
    const r1 = nextBackoffRecord(undefined, [], [finished("Failed", "2025-01-01T00:00:05Z"), finished("Failed", "2025-01-01T00:00:03Z")], parse);
    expect(r1).toEqual({ failuresAfterLastSuccess: 2, lastFailureTime: parse("2025-01-01T00:00:05Z") });
    const r2 = nextBackoffRecord(r1, [finished("Succeeded", "2025-01-01T00:00:10Z")], [finished("Failed", "2025-01-01T00:00:12Z"), finished("Failed", "2025-01-01T00:00:08Z")], parse);
    expect(r2).toEqual({ failuresAfterLastSuccess: 1, lastFailureTime: parse("2025-01-01T00:00:12Z") });
    expect(nextBackoffRecord(r2, [finished("Succeeded", "2025-01-01T00:00:20Z")], [], parse)).toEqual({ failuresAfterLastSuccess: 0 });
  });
});
