import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types";
import { checkFields, matchesFields, parseFieldSelector } from "../field-selector";
import { CustomColumnsPrinter, parseCustomColumnsSpec, parseCustomColumnsTemplate } from "./custom-columns";
import { executeGoTemplate, parseGoTemplate } from "./go-template";
import { naturalLess, relaxedJSONPath, sortByField } from "./sort";
import { KUBECTL_TABLE, TabWriter } from "./tabwriter";

const pod = (name: string, extra: Record<string, unknown> = {}): KObject =>
  ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", labels: { app: name } }, ...extra }) as KObject;

describe("custom columns", () => {
  it("parses the flag form and the file form", () => {
    expect(parseCustomColumnsSpec("NAME:.metadata.name,NODE:spec.nodeName")).toEqual([
      { header: "NAME", fieldSpec: "{.metadata.name}" },
      { header: "NODE", fieldSpec: "{.spec.nodeName}" },
    ]);
    expect(parseCustomColumnsTemplate("NAME   APP\nmetadata.name   metadata.labels.app\n")).toEqual([
      { header: "NAME", fieldSpec: "{.metadata.name}" },
      { header: "APP", fieldSpec: "{.metadata.labels.app}" },
    ]);
  });

  it("rejects specs kubectl rejects, with its messages", () => {
    expect(() => parseCustomColumnsSpec("")).toThrow("custom-columns format specified but no custom columns given");
    expect(() => parseCustomColumnsSpec("NAME")).toThrow("unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>");
    expect(() => parseCustomColumnsTemplate("A B\n.x\n")).toThrow("number of headers (2) and field specifications (1) don't match");
  });

  it("joins several results with commas and prints <none> for nothing", () => {
    const printer = new CustomColumnsPrinter(parseCustomColumnsSpec("NAME:.metadata.name,PORTS:.spec.containers[*].ports[*].containerPort,NODE:.spec.nodeName"), false);
    const w = new TabWriter(KUBECTL_TABLE);
    printer.print(pod("web", { spec: { containers: [{ ports: [{ containerPort: 80 }, { containerPort: 443 }] }] } }), w);
    printer.print(pod("db"), w);
    expect(w.flush()).toBe("NAME   PORTS    NODE\nweb    80,443   <none>\ndb     <none>   <none>\n");
  });
});

describe("go-template", () => {
  const run = (src: string, data: unknown, missingKeyError = false) => executeGoTemplate(parseGoTemplate(src), data, { missingKeyError });

  it("ranges, conditions, variables and functions", () => {
    const list = { items: [pod("a", { status: { phase: "Running" } }), pod("b", { status: { phase: "Pending" } })] };
    expect(run('{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}', list)).toBe("a\nb\n");
    expect(run('{{range $i, $p := .items}}{{$i}}:{{$p.metadata.name}} {{end}}', list)).toBe("0:a 1:b ");
    expect(run('{{range .items}}{{if eq .status.phase "Running"}}{{.metadata.name}}{{else}}-{{end}}{{end}}', list)).toBe("a-");
    expect(run('{{len .items}} {{printf "%s=%d" "n" 3}} {{index .items 1 "metadata" "name"}}', list)).toBe("2 n=3 b");
    expect(run("{{.data.token | base64decode}}", { data: { token: "aGVsbG8=" } })).toBe("hello");
  });

  it("prints <no value> for a missing key, or fails when missing keys are errors", () => {
    expect(run("{{.spec.nothing}}", { spec: {} })).toBe("<no value>");
    expect(() => run("{{.spec.nothing}}", { spec: {} }, true)).toThrow('map has no entry for key "nothing"');
    expect(() => parseGoTemplate("{{range .items}}")).toThrow("unexpected EOF");
  });
});

describe("sorting", () => {
  it("relaxes a bare path into a JSONPath template", () => {
    expect(relaxedJSONPath(".metadata.name")).toBe("{.metadata.name}");
    expect(relaxedJSONPath("metadata.name")).toBe("{.metadata.name}");
    expect(relaxedJSONPath("{.metadata.name}")).toBe("{.metadata.name}");
  });

  it("compares strings with digit runs as numbers", () => {
    expect(naturalLess("node-2", "node-10")).toBe(true);
    expect(naturalLess("node-10", "node-2")).toBe(false);
    expect(naturalLess("a", "b")).toBe(true);
  });

  it("sorts numbers, quantities and timestamps; objects without the field come first", () => {
    const items = [
      pod("c", { spec: { priority: 10 }, status: { memory: "1Gi" } }),
      pod("a", { spec: { priority: 2 }, status: { memory: "512Mi" } }),
      pod("b", { spec: {} }),
    ];
    const names = (xs: KObject[]) => xs.map((x) => x.metadata.name);
    expect(names(sortByField(items, ".spec.priority", (x) => x))).toEqual(["b", "a", "c"]);
    expect(names(sortByField(items, ".status.memory", (x) => x))).toEqual(["b", "a", "c"]);
    expect(() => sortByField(items, ".spec.nothing", (x) => x)).toThrow('couldn\'t find any field with path "{.spec.nothing}" in the list of objects');
  });
});

describe("field selectors", () => {
  it("parses =, == and != with escapes", () => {
    expect(parseFieldSelector("status.phase!=Running,spec.nodeName==node-1,metadata.name=a\\,b")).toEqual([
      { field: "status.phase", op: "!=", value: "Running" },
      { field: "spec.nodeName", op: "=", value: "node-1" },
      { field: "metadata.name", op: "=", value: "a,b" },
    ]);
    expect(() => parseFieldSelector("nonsense")).toThrow("invalid selector: 'nonsense'; can't understand 'nonsense'");
  });

  it("matches the fields each kind supports and names the rest in the kind's words", () => {
    const p = pod("web", { spec: { nodeName: "node-1" }, status: { phase: "Running" } });
    expect(matchesFields(p, parseFieldSelector("spec.nodeName=node-1,status.phase!=Pending"))).toBe(true);
    expect(matchesFields(p, parseFieldSelector("spec.nodeName="))).toBe(false);
    expect(() => checkFields("Pod", parseFieldSelector("spec.image=x"))).toThrow("field label not supported: spec.image");
    expect(() => checkFields("ConfigMap", parseFieldSelector("data.x=1"))).toThrow('"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"');
    expect(() => checkFields("Job", parseFieldSelector("spec.x=1"))).toThrow('field label "spec.x" not supported for batchv1.Job');
  });
});
