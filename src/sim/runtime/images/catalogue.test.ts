import { describe, expect, it } from "vitest";
import { getProgram } from "../programs/registry";
import { Bench } from "../testing/harness";
import { BASES } from "./bases";
import { CATALOGUE } from "./catalogue";
import { SAMPLE_TAGS } from "./catalogue-k8s";

describe("the image catalogue", () => {
  it("names only programs that exist, and bases that exist", () => {
    for (const def of CATALOGUE) {
      expect(BASES[def.base], def.repository).toBeDefined();
      for (const [path, spec] of Object.entries(def.files ?? {})) {
        if (typeof spec === "object" && "program" in spec && spec.program) expect(getProgram(spec.program), `${def.repository} ${path}`).toBeDefined();
      }
    }
  });

  it("starts every image with its own ENTRYPOINT/CMD without a start error", async () => {
    const b = new Bench();
    for (const def of CATALOGUE) {
      const tag = def.repository.includes("agnhost") ? "2.40" : def.repository.endsWith("/pause") ? "3.10" : def.repository.includes("goproxy") ? "0.1" : def.repository.endsWith("/tomcat") && def.repository.includes("geektime") ? "7.0" : def.repository.includes("sample") && def.repository.includes("geektime") ? "v2" : def.repository.includes("node-hello") || def.repository.includes("hello-app") ? "1.0" : def.repository.includes("echoserver") ? "1.10" : "latest";
      const image = `${def.repository}:${SAMPLE_TAGS[def.repository] ?? tag}`;
      if (def.private) continue;
      const { id } = await b.pod({ image, args: def.repository.endsWith("http-echo") ? ["-text=hi"] : undefined });
      expect(b.status(id).reason ?? "running", image).not.toBe("StartError");
    }
  });
});
