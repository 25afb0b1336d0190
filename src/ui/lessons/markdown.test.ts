import { describe, expect, it } from "vitest";
import { parseSay } from "./markdown";

describe("parseSay", () => {
  it("splits code, bold and links from plain text", () => {
    expect(parseSay("The **scheduler** binds `two-containers`; see [Pods](https://kubernetes.io/docs/concepts/workloads/pods/).")).toEqual([
      { type: "text", text: "The " },
      { type: "bold", text: "scheduler" },
      { type: "text", text: " binds " },
      { type: "code", text: "two-containers" },
      { type: "text", text: "; see " },
      { type: "link", text: "Pods", href: "https://kubernetes.io/docs/concepts/workloads/pods/" },
      { type: "text", text: "." },
    ]);
  });

  it("keeps markup and unsafe links as text", () => {
    expect(parseSay("<b>x</b> [run](javascript:alert(1))")).toEqual([
      { type: "text", text: "<b>x</b> " },
      { type: "text", text: "[run](javascript:alert(1)" },
      { type: "text", text: ")" },
    ]);
    expect(parseSay("")).toEqual([]);
  });
});
