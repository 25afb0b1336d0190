import { describe, expect, it } from "vitest";
import { computeQOSClass } from "./qos";

const spec = (...resources: Record<string, any>[]) => ({ containers: resources.map((r, i) => ({ name: `c${i}`, resources: r })) });

describe("computeQOSClass", () => {
  it("is BestEffort without cpu or memory requests and limits", () => {
    expect(computeQOSClass(spec({}))).toBe("BestEffort");
    expect(computeQOSClass(spec({ limits: { "example.com/gpu": "1" } }))).toBe("BestEffort");
  });

  it("is Guaranteed when every container limits cpu and memory at its requests", () => {
    expect(computeQOSClass(spec({ limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "1000m", memory: "1Gi" } }))).toBe("Guaranteed");
    expect(computeQOSClass(spec({ limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "1", memory: "1Gi" } }, { limits: { cpu: "1" }, requests: { cpu: "1" } }))).toBe("Burstable");
  });

  it("is Burstable otherwise", () => {
    expect(computeQOSClass(spec({ requests: { memory: "64Mi" } }))).toBe("Burstable");
    expect(computeQOSClass(spec({ limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "500m", memory: "1Gi" } }))).toBe("Burstable");
  });
});
