import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildKnownFields, DATA_FILE } from "../../../../scripts/gen-schema";
import { KINDS, apiVersionOf } from "../kinds";
import { kindType } from "./known-fields";

describe("known-fields.data.ts", () => {
  it("is what scripts/gen-schema.ts generates from the installed kubernetes-types", () => {
    expect(readFileSync(DATA_FILE, "utf8")).toBe(buildKnownFields());
  }, 120_000);

  it("knows every served kind that has a type", () => {
    for (const info of KINDS) {
      if (info.kind === "ComponentStatus" || info.kind === "Binding") continue;
      expect(kindType(apiVersionOf(info), info.kind), info.kind).toBeDefined();
    }
    expect(kindType("v1", "Pod")!.fields.get("spec")).toMatchObject({ kind: "struct", name: "PodSpec", go: "v1.PodSpec" });
  });
});
