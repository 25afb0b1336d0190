import { describe, expect, it } from "vitest";
import { base64DecodedLength, decodeBase64, encodeBase64, utf8Decode, utf8Encode } from "./base64";

describe("base64", () => {
  it("round-trips UTF-8 text as Secret data holds it", () => {
    for (const s of ["", "a", "ab", "abc", "admin", "1f2d1e2e67df", "héllo wörld ✓ 𝄞"]) {
      expect(decodeBase64(encodeBase64(s))).toBe(s);
      expect(base64DecodedLength(encodeBase64(s))).toBe(utf8Encode(s).length);
    }
    expect(encodeBase64("admin")).toBe("YWRtaW4=");
    expect(encodeBase64("1f2d1e2e67df")).toBe("MWYyZDFlMmU2N2Rm");
    expect(encodeBase64("??>", true)).toBe("Pz8-");
    expect(decodeBase64("YWRtaW4")).toBe("admin");
    expect(decodeBase64("not base64!")).toBeUndefined();
    expect(utf8Decode(utf8Encode("✓"))).toBe("✓");
  });
});
