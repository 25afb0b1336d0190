import { describe, expect, it } from "vitest";
import { canonicalize, cmpQuantity, ERR_FORMAT_WRONG, ERR_SUFFIX, formatQuantity, milliValue, mustParse, quantityValue, roundUp } from "./quantity";

const canon = (v: unknown) => canonicalize(v).value ?? canonicalize(v).error;

describe("Quantity", () => {
  it("keeps the forms of the Kubernetes docs as the API server stores them", () => {
    expect(canon("129e6")).toBe("129e6");
    expect(canon("129M")).toBe("129M");
    expect(canon("123Mi")).toBe("123Mi");
    expect(canon("500m")).toBe("500m");
    expect(canon(128974848)).toBe("128974848");
    expect(canon("128974848000m")).toBe("128974848");
  });

  it("canonicalizes like Quantity.String()", () => {
    expect(canon("1000m")).toBe("1");
    expect(canon("0.5")).toBe("500m");
    expect(canon(0.5)).toBe("500m");
    expect(canon("1.5")).toBe("1500m");
    expect(canon("1000")).toBe("1k");
    expect(canon("1024Mi")).toBe("1Gi");
    expect(canon("1.5Gi")).toBe("1536Mi");
    expect(canon("1.1Gi")).toBe("1181116006400m");
    expect(canon("1.5Ki")).toBe("1536");
    expect(canon("12e-1")).toBe("1200e-3");
    expect(canon("1E")).toBe("1E");
    expect(canon("0")).toBe("0");
    expect(canon("-2")).toBe("-2");
    expect(canon("0.1n")).toBe("1n");
  });

  it("rejects malformed quantities with the decoder's messages", () => {
    expect(canon("1Gb")).toBe(ERR_FORMAT_WRONG);
    expect(canon("abc")).toBe(ERR_FORMAT_WRONG);
    expect(canon("")).toBe(ERR_FORMAT_WRONG);
    expect(canon(true)).toBe(ERR_FORMAT_WRONG);
    expect(canon("1K")).toBe(ERR_SUFFIX);
    expect(canon("5i")).toBe(ERR_SUFFIX);
    expect(ERR_FORMAT_WRONG).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it("compares, rounds and converts exactly", () => {
    expect(cmpQuantity(mustParse("1Gi"), mustParse("1073741824"))).toBe(0);
    expect(cmpQuantity(mustParse("500m"), mustParse("0.6"))).toBe(-1);
    expect(formatQuantity(roundUp(mustParse("0.0001"), -3))).toBe("1m");
    expect(milliValue(mustParse("1.5"))).toBe(1500);
    expect(quantityValue(mustParse("500m"))).toBe(1);
    expect(quantityValue(mustParse("2Ki"))).toBe(2048);
  });
});
