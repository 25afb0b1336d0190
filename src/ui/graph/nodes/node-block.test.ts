import { describe, expect, it } from "vitest";
import { podStateBar } from "./NodeCard";

describe("a far node block's bar", () => {
  it("gives each state its share, Running first and failing last", () => {
    const bar = podStateBar({ CrashLoopBackOff: 1, Running: 2, ContainerCreating: 1 })!;
    expect(bar.startsWith("linear-gradient(to right, ")).toBe(true);
    const stops = [...bar.matchAll(/(rgb\([^)]*\)) ([\d.]+)% ([\d.]+)%/g)].map((m) => [m[2], m[3]]);
    expect(stops).toEqual([
      ["0", "50"],
      ["50", "75"],
      ["75", "100"],
    ]);
    expect(bar.indexOf("16 185 129")).toBeLessThan(bar.indexOf("251 191 36"));
    expect(bar.indexOf("251 191 36")).toBeLessThan(bar.indexOf("244 63 94"));
  });

  it("draws nothing for a node without pods", () => {
    expect(podStateBar({})).toBeUndefined();
  });
});
