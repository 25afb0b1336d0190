import { describe, expect, it } from "vitest";
import { canonicalQuantity, formatBytes, milliCPU, parseQuantity } from "./quantity";

describe("quantities", () => {
  it("parses the forms the seeds use", () => {
    expect(parseQuantity("129e6")).toBe(129_000_000);
    expect(parseQuantity("129M")).toBe(129_000_000);
    expect(parseQuantity("123Mi")).toBe(123 * 2 ** 20);
    expect(parseQuantity("500m")).toBe(0.5);
    expect(parseQuantity("1000Gi")).toBe(1000 * 2 ** 30);
    expect(parseQuantity(2)).toBe(2);
    expect(parseQuantity("1.5Gi")).toBe(1.5 * 2 ** 30);
    expect(parseQuantity("12x")).toBeUndefined();
    expect(parseQuantity("")).toBeUndefined();
  });

  it("converts CPU to millicores and memory to readable units", () => {
    expect(milliCPU("500m")).toBe(500);
    expect(milliCPU("0.1")).toBe(100);
    expect(milliCPU(2)).toBe(2000);
    expect(formatBytes(64 * 2 ** 20)).toBe("64Mi");
    expect(formatBytes(129_000_000)).toBe("129M");
  });

  it("canonicalises as the API server stores quantities", () => {
    expect(canonicalQuantity("129e6")).toBe("129M");
    expect(canonicalQuantity("1000m")).toBe("1");
    expect(canonicalQuantity("0.5")).toBe("500m");
    expect(canonicalQuantity("1024Ki")).toBe("1Mi");
    expect(canonicalQuantity("123Mi")).toBe("123Mi");
  });
});
