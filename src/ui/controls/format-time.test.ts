import { describe, expect, it } from "vitest";
import { formatClock, formatSeconds } from "./format-time";

describe("formatClock", () => {
  it("prints hours, minutes, seconds and tenths", () => {
    expect(formatClock(0)).toBe("00:00:00.0");
    expect(formatClock(90_250)).toBe("00:01:30.2");
    expect(formatClock(3 * 86_400_000 + 4 * 3_600_000)).toBe("3d 04:00:00.0");
  });
});

describe("formatSeconds", () => {
  it("rounds up to whole seconds like a countdown", () => {
    expect(formatSeconds(100)).toBe("1s");
    expect(formatSeconds(30_000)).toBe("30s");
    expect(formatSeconds(65_000)).toBe("1m5s");
    expect(formatSeconds(-5)).toBe("0s");
  });
});
