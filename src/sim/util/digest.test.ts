import { describe, expect, it } from "vitest";
import { digest, digestJoined } from "./digest";

describe("digest", () => {
  it("is stable, short, and tells near-identical keys apart", () => {
    expect(digest("kubelet\u0000node-1\u0000Pod\u0000default\u0000web-1")).toBe(digest("kubelet\u0000node-1\u0000Pod\u0000default\u0000web-1"));
    expect(digest("a")).toHaveLength(14);
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(digest(`kubelet\u0000node-${i % 100}\u0000Pod\u0000default\u0000web-${i}\u0000Started`));
    expect(seen.size).toBe(100_000);
  });

  it("writes 14 base-32 digits, zero-padded", () => {
    expect(digest("a")).toBe("1bpcg673ottink");
    expect(digest("")).toBe("1er998135901sn");
    expect(digest("kubelet\u0000node-1")).toBe("311l2rm3rr6epu");
  });

  it("digests parts as it digests the text they join into", () => {
    expect(digestJoined(["kubelet", "node-1"], "\u0000")).toBe("311l2rm3rr6epu");
    expect(digestJoined(["", "a", ""], "--")).toBe(digest("--a--"));
    expect(digestJoined([], "x")).toBe(digest(""));
    expect(digestJoined(["one"], "x")).toBe(digest("one"));
  });
});
