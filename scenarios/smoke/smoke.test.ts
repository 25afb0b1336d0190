import { describe, expect, it } from "vitest";
import { replay } from "../helpers";

describe("smoke scenario", () => {
  it("answers version and api-resources like a real cluster", async () => {
    const r = await replay(__dirname);
    expect(r.find("kubectl version").stdout).toBe("Client Version: v1.31.0\nKustomize Version: v5.4.2\nServer Version: v1.31.0\n");
    const res = r.find("api-resources").stdout.split("\n");
    expect(res[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(res).toContain("nodes               no           v1                     false        Node");
  });
});
