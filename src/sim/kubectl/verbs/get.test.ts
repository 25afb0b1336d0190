import { beforeEach, describe, expect, it } from "vitest";
import type { KObject } from "../../api/types";
import { quietCluster, type TestCluster } from "./read-test-cluster";

function pod(name: string, opts: { ns?: string; labels?: Record<string, string>; node?: string } = {}): KObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: opts.ns ?? "default", ...(opts.labels ? { labels: opts.labels } : {}) },
    spec: { containers: [{ name: "app", image: "nginx:1.25" }], ...(opts.node ? { nodeName: opts.node } : {}) },
  };
}

const RUNNING = (ip: string) => ({
  phase: "Running",
  podIP: ip,
  podIPs: [{ ip }],
  conditions: [{ type: "Ready", status: "True" }],
  containerStatuses: [{ name: "app", image: "nginx:1.25", imageID: "", ready: true, restartCount: 0, state: { running: { startedAt: "2025-01-01T00:00:01Z" } } }],
});

let t: TestCluster;

beforeEach(async () => {
  t = quietCluster();
  t.create(pod("web-1", { labels: { app: "web", tier: "front" }, node: "node-1" }));
  t.create(pod("db-0", { labels: { app: "db" }, node: "node-2" }));
  t.create(pod("tool", { ns: "kube-system", labels: { app: "tool" } }));
  t.setStatus("Pod", "default", "web-1", RUNNING("10.244.1.2"));
  t.setStatus("Pod", "default", "db-0", { phase: "Pending", containerStatuses: [{ name: "app", image: "x", imageID: "", ready: false, restartCount: 0, state: { waiting: { reason: "ContainerCreating" } } }] });
  t.setStatus("Pod", "kube-system", "tool", { phase: "Pending" });
  await t.advance(65_000);
});

describe("kubectl get: tables", () => {
  it("lists pods in key order with kubectl's columns", async () => {
    const r = await t.kubectl("get pods");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      "NAME    READY   STATUS              RESTARTS   AGE\n" +
        "db-0    0/1     ContainerCreating   0          65s\n" +
        "web-1   1/1     Running             0          65s\n",
    );
  });

  it("adds the wide columns with -o wide", async () => {
    const r = await t.kubectl("get pod web-1 -o wide");
    expect(r.stdout).toBe("NAME    READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\nweb-1   1/1     Running   0          65s   10.244.1.2   node-1   <none>           <none>\n");
  });

  it("adds NAMESPACE with -A", async () => {
    const r = await t.kubectl("get pods -A --no-headers");
    expect(r.stdout.split("\n")[0]).toMatch(/^default\s+db-0\s+0\/1/);
    expect(r.stdout.split("\n")[2]).toMatch(/^kube-system\s+tool\s+0\/1\s+Pending/);
  });

  it("shows labels, label columns, and filters by label and field selectors", async () => {
    expect((await t.kubectl("get pods --show-labels")).stdout).toBe(
      "NAME    READY   STATUS              RESTARTS   AGE   LABELS\ndb-0    0/1     ContainerCreating   0          65s   app=db\nweb-1   1/1     Running             0          65s   app=web,tier=front\n",
    );
    expect((await t.kubectl("get pods -L tier,app")).stdout.split("\n")[0]).toBe("NAME    READY   STATUS              RESTARTS   AGE   TIER    APP");
    expect((await t.kubectl("get pods -L tier")).stdout.split("\n")[1]).toBe("db-0    0/1     ContainerCreating   0          65s   ");
    expect((await t.kubectl("get pods -l app=web -o name")).stdout).toBe("pod/web-1\n");
    expect((await t.kubectl("get pods -l 'app in (db,web),!tier' -o name")).stdout).toBe("pod/db-0\n");
    expect((await t.kubectl("get pods --field-selector status.phase=Running -o name")).stdout).toBe("pod/web-1\n");
    expect((await t.kubectl("get pods -A --field-selector spec.nodeName= -o name")).stdout).toBe("pod/tool\n");
    expect((await t.kubectl("get pods --field-selector status.phase!=Running,metadata.name!=x -o name")).stdout).toBe("pod/db-0\n");
  });

  it("rejects field selectors the kind does not support, in the server's words", async () => {
    const r = await t.kubectl("get pods --field-selector foo=bar");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n');
    const d = await t.kubectl("get deployments --field-selector spec.replicas=1");
    expect(d.stderr).toBe(
      'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "", field selector "spec.replicas=1": "spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"\n',
    );
  });

  it("says No resources found on stderr", async () => {
    const r = await t.kubectl("get deployments");
    expect(r).toEqual({ exitCode: 0, stdout: "", stderr: "No resources found in default namespace.\n" });
    expect((await t.kubectl("get pods -n nothing")).stderr).toBe("No resources found in nothing namespace.\n");
    expect((await t.kubectl("get deployments -A")).stderr).toBe("No resources found\n");
  });

  it("prints what it found and then the NotFound errors", async () => {
    const r = await t.kubectl("get pod web-1 nope");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("NAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          65s\n");
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect((await t.kubectl("get pod nope --ignore-not-found")).exitCode).toBe(0);
  });

  it("prefixes names with the kind and separates kinds by a blank line when several are printed", async () => {
    t.create({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { type: "ClusterIP", clusterIP: "10.96.0.20", clusterIPs: ["10.96.0.20"], ports: [{ port: 80, protocol: "TCP" }] } });
    const r = await t.kubectl("get all");
    expect(r.stdout).toBe(
      "NAME        READY   STATUS              RESTARTS   AGE\n" +
        "pod/db-0    0/1     ContainerCreating   0          65s\n" +
        "pod/web-1   1/1     Running             0          65s\n" +
        "\n" +
        "NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n" +
        "service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   65s\n" +
        "service/web          ClusterIP   10.96.0.20   <none>        80/TCP    0s\n",
    );
    expect((await t.kubectl("get svc/web pod/web-1 -o name")).stdout).toBe("service/web\npod/web-1\n");
  });

  it("sorts with --sort-by and fails on a field no object has", async () => {
    expect((await t.kubectl("get pods --sort-by=.metadata.name -o name")).stdout).toBe("pod/db-0\npod/web-1\n");
    expect((await t.kubectl("get pods --sort-by={.status.phase} --no-headers")).stdout.split("\n")[0]).toMatch(/^db-0/);
    const bad = await t.kubectl("get pods --sort-by=.spec.nothing");
    expect(bad.stderr).toBe('error: couldn\'t find any field with path "{.spec.nothing}" in the list of objects\n');
  });
});

describe("kubectl get: generic output", () => {
  it("prints one object alone and several as a List, without managedFields", async () => {
    const one = await t.kubectl("get pod web-1 -o yaml");
    expect(one.stdout.startsWith("apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: \"2025-01-01T00:00:00Z\"\n  labels:\n    app: web\n")).toBe(true);
    expect(one.stdout).not.toContain("managedFields");
    expect((await t.kubectl("get pod web-1 -o yaml --show-managed-fields")).stdout).toContain("managedFields:\n  - apiVersion: v1\n");
    const list = await t.kubectl("get pods -o yaml");
    expect(list.stdout.startsWith("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n")).toBe(true);
    expect(list.stdout.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    const json = await t.kubectl("get pods -l app=nothing -o json");
    expect(json.stdout).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
  });

  it("prints jsonpath without a trailing newline, custom columns with <none>", async () => {
    expect((await t.kubectl("get pods -o jsonpath={.items[*].metadata.name}")).stdout).toBe("db-0 web-1");
    expect((await t.kubectl(`get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}'`)).stdout).toBe("db-0\t\nweb-1\t10.244.1.2\n");
    expect((await t.kubectl("get pods -o custom-columns=NAME:.metadata.name,IP:.status.podIP,NODE:spec.nodeName")).stdout).toBe(
      "NAME    IP           NODE\ndb-0    <none>       node-2\nweb-1   10.244.1.2   node-1\n",
    );
  });

  it("fails a jsonpath with a missing key when missing keys are not allowed", async () => {
    const r = await t.kubectl("get pod web-1 -o jsonpath={.spec.foo} --allow-missing-template-keys=false");
    expect(r.exitCode).toBe(1);
    expect(r.stderr.startsWith('error: error executing jsonpath "{.spec.foo}": Error executing template: foo is not found. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.spec.foo}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "kind":"Pod"')).toBe(true);
    expect((await t.kubectl("get pods -o jsonpath={.items[")).stderr).toBe("error: error parsing jsonpath {.items[, unterminated array\n");
  });

  it("names the formats it knows for an unknown one", async () => {
    const r = await t.kubectl("get pods -o table");
    expect(r.stderr).toBe('error: unable to match a printer suitable for the output format "table", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n');
  });

  it("gets the objects a manifest names", async () => {
    const manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: gone\n";
    const r = await t.kubectl("get -f pods.yaml -o name", { "pods.yaml": manifest });
    expect(r.stdout).toBe("pod/web-1\n");
    expect(r.stderr).toBe('Error from server (NotFound): pods "gone" not found\n');
  });
});

describe("kubectl get: errors", () => {
  it("asks for a resource type", async () => {
    const r = await t.kubectl("get");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
    expect((await t.kubectl("get foos")).stderr).toBe('error: the server doesn\'t have a resource type "foos"\n');
  });
});

describe("kubectl get -w", () => {
  it("prints the table, then a row per change, and ends at --request-timeout", async () => {
    const { cluster } = t;
    cluster.clock.after(2_000, () => void t.setStatus("Pod", "default", "db-0", RUNNING("10.244.2.7")));
    cluster.clock.after(5_000, () => void cluster.api.delete("Pod", "default", "web-1", { actor: "kubectl" }));
    const r = await t.kubectl("get pods -w --request-timeout=30s");
    expect(r.stdout).toBe(
      "NAME    READY   STATUS              RESTARTS   AGE\n" +
        "db-0    0/1     ContainerCreating   0          65s\n" +
        "web-1   1/1     Running             0          65s\n" +
        "db-0    1/1     Running             0          67s\n" +
        "web-1   1/1     Running             0          70s\n",
    );
    expect(cluster.clock.now).toBe(65_000 + 30_000);
  });

  it("with --watch-only --output-watch-events prints only changes, with their type", async () => {
    t.cluster.clock.after(1_000, () => void t.create(pod("new")));
    const r = await t.kubectl("get pods --watch-only --output-watch-events --request-timeout=5s");
    // The event type is padded to eight characters ("ADDED   "), so its column is eleven wide.
    expect(r.stdout).toBe("EVENT      NAME   READY   STATUS   RESTARTS   AGE\nADDED      new    0/1              0          0s\n");
  });

  it("ends after a minute of virtual time without changes", async () => {
    const start = t.cluster.clock.now;
    await t.kubectl("get pods -w");
    expect(t.cluster.clock.now - start).toBe(60_000);
  });
});
