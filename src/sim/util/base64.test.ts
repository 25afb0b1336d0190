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

  it("encodes the URL-safe alphabet without padding, and long input whole", () => {
    expect(encodeBase64("a", true)).toBe("YQ");
    expect(encodeBase64("ab", true)).toBe("YWI");
    expect(encodeBase64("\u00ff\u00fe", true)).toBe("w7_Dvg");
    expect(encodeBase64("\u00ff\u00fe")).toBe("w7/Dvg==");
    const long = "x".repeat(30_000) + "é";
    const encoded = encodeBase64(long);
    expect(encoded.length).toBe(Math.ceil(utf8Encode(long).length / 3) * 4);
    expect(decodeBase64(encoded)).toBe(long);
  });
});
