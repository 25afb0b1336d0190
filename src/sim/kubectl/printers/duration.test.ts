import { describe, expect, it } from "vitest";
import { humanDuration, rfc1123z, shortHumanDuration } from "./duration";

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe("humanDuration (apimachinery HumanDuration)", () => {
  it.each([
    [0, "0s"],
    [5 * s, "5s"],
    [119 * s, "119s"],
    [2 * m, "2m"],
    [2 * m + 5 * s, "2m5s"],
    [9 * m + 59 * s, "9m59s"],
    [10 * m + 30 * s, "10m"],
    [179 * m, "179m"],
    [3 * h, "3h"],
    [3 * h + 5 * m, "3h5m"],
    [7 * h + 59 * m, "7h59m"],
    [8 * h + 30 * m, "8h"],
    [47 * h, "47h"],
    [2 * d, "2d"],
    [2 * d + 3 * h, "2d3h"],
    [7 * d + 23 * h, "7d23h"],
    [8 * d + 5 * h, "8d"],
    [44 * d, "44d"],
    [729 * d, "729d"],
    [731 * d, "2y1d"],
    [365 * 2 * d, "2y"],
    [365 * 9 * d, "9y"],
  ])("%i ms → %s", (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it("tolerates up to a second of clock skew and rejects more", () => {
    expect(humanDuration(-1500)).toBe("0s");
    expect(humanDuration(-2500)).toBe("<invalid>");
  });
});

describe("shortHumanDuration", () => {
  it("keeps one unit", () => {
    expect(shortHumanDuration(59 * s)).toBe("59s");
    expect(shortHumanDuration(90 * s)).toBe("1m");
    expect(shortHumanDuration(25 * h)).toBe("1d");
  });
});

describe("rfc1123z", () => {
  it("formats Go's RFC1123Z in UTC", () => {
    expect(rfc1123z("2025-01-01T00:00:05Z")).toBe("Wed, 01 Jan 2025 00:00:05 +0000");
    expect(rfc1123z("2025-03-09T14:07:00Z")).toBe("Sun, 09 Mar 2025 14:07:00 +0000");
  });
});
