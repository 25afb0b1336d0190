import { beforeAll, describe, expect, it } from "vitest";
import { createCluster } from "../../sim";
import { documentAt, locatePath, splitDocuments } from "./documents";
import { dryRunProblems, objectResults } from "./kubectl-output";

const FILE = `# a web tier
apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers:
  - name: x
    imagee: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  containers:
  - name: x
    image: nginx
    ports:
    - containerPort: "abc"
---
apiVersion: v1
kind: Pod
metadata:
  name: c
spec:
  restartPolicy: Sometimes
  containers:
  - name: x
    image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: ok
spec:
  ports:
  - port: 80
---
apiVersion: v1
kind: Frob
metadata:
  name: f
`;

describe("documents", () => {
  it("splits on --- lines and knows where each document starts and what it names", () => {
    const docs = splitDocuments(FILE);
    expect(docs.map((d) => [d.startLine, d.kind, d.name])).toEqual([
      [1, "Pod", "a"],
      [11, "Pod", "b"],
      [22, "Pod", "c"],
      [32, "Service", "ok"],
      [40, "Frob", "f"],
    ]);
    expect(documentAt(docs, 25)?.name).toBe("c");
  });

  it("finds a field path's line, with or without sequence indexes", () => {
    const [a, b] = splitDocuments(FILE);
    expect(locatePath(a, "spec.containers[0].imagee")).toMatchObject({ line: 9, column: 5 });
    expect(locatePath(b, "spec.containers.ports.containerPort")).toMatchObject({ line: 20, column: 7 });
    expect(locatePath(b, "spec.containers[0].ports[0].containerPort")).toMatchObject({ line: 20 });
    // A missing field points at its nearest written parent.
    expect(locatePath(a, "spec.containers[0].resources.limits")).toMatchObject({ line: 8 });
  });
});

describe("kubectl's output tied to documents", () => {
  const cluster = createCluster({ seed: 1 });
  let apply: { stdout: string; stderr: string };
  beforeAll(async () => {
    apply = await cluster.kubectl(["apply", "-f", "-"], { stdin: FILE });
  });

  it("gives each document its result, in kubectl's words", () => {
    const results = objectResults(apply.stdout, apply.stderr, splitDocuments(FILE));
    expect(results.map((r) => [r.object, r.status, r.line])).toEqual([
      ["pod/a", "rejected", 1],
      ["pod/b", "rejected", 11],
      ["pod/c", "rejected", 22],
      ["service/ok", "created", 32],
      ["frob/f", "rejected", 40],
    ]);
    expect(results[0].message).toBe('Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"');
    expect(results[2].message).toBe('Error from server (Invalid): error when creating "STDIN": Pod "c" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"');
    expect(results[3].message).toBe("service/ok created");
    expect(results[4].message).toBe('resource mapping not found for name: "f" namespace: "" from "STDIN": no matches for kind "Frob" in version "v1"\nensure CRDs are installed first');
  });

  it("applied again, what did not change is unchanged", async () => {
    const again = await cluster.kubectl(["apply", "-f", "-"], { stdin: FILE });
    const results = objectResults(again.stdout, again.stderr, splitDocuments(FILE));
    expect(results[3]).toMatchObject({ object: "service/ok", status: "unchanged", message: "service/ok unchanged" });
  });

  it("a file kubectl cannot read rejects the document at the error's line and sends nothing", async () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n  labels: [\ndata: {}\n";
    const r = await cluster.kubectl(["apply", "-f", "-"], { stdin: text });
    const results = objectResults(r.stdout, r.stderr, splitDocuments(text));
    expect(results.map((x) => x.status)).toEqual(["not applied", "rejected"]);
    expect(results[1].message).toMatch(/^error: error parsing STDIN: error converting YAML to JSON: yaml: line \d+: /);
  });

  it("puts a dry run's messages on the line of the field they name", async () => {
    const docs = splitDocuments(FILE);
    const lines: Record<string, number[]> = {};
    for (const d of docs) {
      const r = await cluster.kubectl(["apply", "--dry-run=server", "-f", "-"], { stdin: d.text });
      lines[d.name!] = dryRunProblems(r.stderr, d, docs).map((p) => p.range.line);
    }
    expect(lines).toEqual({ a: [9], b: [20], c: [27], ok: [], f: [41] });
  });

  it("a YAML error's line is the file's, not the document's", async () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n  labels: [\ndata: {}\n";
    const docs = splitDocuments(text);
    const r = await cluster.kubectl(["apply", "--dry-run=server", "-f", "-"], { stdin: docs[1].text });
    const [p] = dryRunProblems(r.stderr, docs[1], docs);
    expect(p.message).toMatch(/yaml: line (\d+)/);
    const inDoc = Number(/yaml: line (\d+)/.exec(p.message)![1]);
    expect(p.range.line).toBe(docs[1].startLine + inDoc - 1);
  });

  it("does not report a namespace the same file creates", async () => {
    const text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\n";
    const docs = splitDocuments(text);
    const r = await cluster.kubectl(["apply", "--dry-run=server", "-f", "-"], { stdin: docs[1].text });
    expect(r.stderr).toContain('namespaces "shop" not found');
    expect(dryRunProblems(r.stderr, docs[1], docs)).toEqual([]);
    expect(dryRunProblems(r.stderr, docs[1], [docs[1]])[0].range.line).toBe(10);
  });
});
