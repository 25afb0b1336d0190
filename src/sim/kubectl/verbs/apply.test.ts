import { describe, expect, it } from "vitest";
import { invalid } from "../../api/errors";
import { LAST_APPLIED_ANNOTATION } from "../apply/last-applied";
import { configMapYaml, kubectlKit, podYaml } from "./testkit";

describe("kubectl apply", () => {
  it("creates, then reports unchanged, then configured after the manifest changes", async () => {
    const k = kubectlKit({ "pod.yaml": podYaml("nginx"), "pod2.yaml": podYaml("nginx", "nginx:1.26") });
    expect(await k.run("apply -f pod.yaml")).toEqual({ exitCode: 0, stdout: "pod/nginx created\n", stderr: "" });
    expect((await k.run("apply -f pod.yaml")).stdout).toBe("pod/nginx unchanged\n");
    expect((await k.run("apply -f pod2.yaml")).stdout).toBe("pod/nginx configured\n");
    const pod = k.cluster.api.get("Pod", "default", "nginx");
    expect(pod.spec.containers[0].image).toBe("nginx:1.26");
    expect(pod.metadata.annotations![LAST_APPLIED_ANNOTATION]).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"nginx"},"name":"nginx","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.26","name":"nginx"}]}}\n',
    );
  });

  it("keeps fields other writers set and removes what the previous manifest set", async () => {
    const k = kubectlKit({
      "cm1.yaml": configMapYaml("settings", { a: "1", b: "2" }),
      "cm2.yaml": configMapYaml("settings", { a: "1" }),
    });
    await k.run("apply -f cm1.yaml");
    k.cluster.api.mutate("ConfigMap", "default", "settings", { actor: "someone" }, (cm) => {
      cm.data = { ...cm.data, c: "3" };
      cm.metadata.labels = { owner: "ops" };
    });
    expect((await k.run("apply -f cm2.yaml")).stdout).toBe("configmap/settings configured\n");
    const cm = k.cluster.api.get("ConfigMap", "default", "settings");
    expect(cm.data).toEqual({ a: "1", c: "3" });
    expect(cm.metadata.labels).toEqual({ owner: "ops" });
  });

  it("prints deployment.apps for grouped kinds and applies a directory recursively", async () => {
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
`;
    const k = kubectlKit({ "app/deploy.yaml": deploy, "app/nested/cm.yaml": configMapYaml("c", { k: "v" }), "app/notes.txt": "ignored" });
    expect((await k.run("apply -f app")).stdout).toBe("deployment.apps/web created\n");
    expect((await k.run("apply -f app -R")).stdout).toBe("deployment.apps/web unchanged\nconfigmap/c created\n");
  });

  it("dry runs print what would happen and store nothing", async () => {
    const k = kubectlKit({ "pod.yaml": podYaml("nginx") });
    expect((await k.run("apply -f pod.yaml --dry-run=client")).stdout).toBe("pod/nginx created (dry run)\n");
    expect((await k.run("apply -f pod.yaml --dry-run=server")).stdout).toBe("pod/nginx created (server dry run)\n");
    expect(k.cluster.api.tryGet("Pod", "default", "nginx")).toBeUndefined();
    await k.run("apply -f pod.yaml");
    expect((await k.run("apply -f pod.yaml --dry-run=server")).stdout).toBe("pod/nginx unchanged (server dry run)\n");
    expect((await k.run("apply -f pod.yaml --dry-run=client")).stdout).toBe("pod/nginx configured (dry run)\n");
  });

  it("prints -o name and a List for -o yaml of several objects", async () => {
    const k = kubectlKit({ "two.yaml": `${configMapYaml("a", { x: "1" })}---\n${configMapYaml("b", { y: "2" })}` });
    expect((await k.run("apply -f two.yaml -o name")).stdout).toBe("configmap/a\nconfigmap/b\n");
    const yaml = (await k.run("apply -f two.yaml -o yaml")).stdout;
    expect(yaml.startsWith("apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n    x: \"1\"\n")).toBe(true);
    expect(yaml.endsWith("kind: List\nmetadata:\n  resourceVersion: \"\"\n")).toBe(true);
    // Several objects print as one List, so the template addresses its items.
    expect((await k.run("apply -f two.yaml -o jsonpath={.items[*].metadata.name}")).stdout).toBe("a b");
    expect((await k.run("apply -f two.yaml -o wide")).stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml,name,go-template,go-template-file,template,templatefile,jsonpath,jsonpath-as-json,jsonpath-file\n',
    );
  });

  it("reports a failing document in kubectl's words and carries on with the rest", async () => {
    const bad = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
`;
    const k = kubectlKit({ "mixed.yaml": `${configMapYaml("ok", { a: "1" })}---\n${bad}` });
    const r = await k.run("apply -f mixed.yaml");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("configmap/ok created\n");
    expect(r.stderr).toBe('error: resource mapping not found for name: "w" namespace: "" from "mixed.yaml": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n');
  });

  it("lists several errors one per line, each with its source", async () => {
    const k = kubectlKit({ "two.yaml": `${configMapYaml("a", { x: "1" }, "nope")}---\n${configMapYaml("b", { x: "1" }, "gone")}` });
    const r = await k.run("apply -f two.yaml");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'Error from server (NotFound): error when creating "two.yaml": namespaces "nope" not found\nError from server (NotFound): error when creating "two.yaml": namespaces "gone" not found\n',
    );
  });

  it("words a rejected update as kubectl does and re-creates it with --force", async () => {
    const k = kubectlKit({ "v1.yaml": configMapYaml("frozen", { a: "1" }), "v2.yaml": configMapYaml("frozen", { a: "2" }) });
    k.cluster.api.registerStrategy("ConfigMap", {
      validateUpdate: (obj, old) => (obj.data?.a !== old.data?.a ? [{ field: "data", type: "Forbidden", detail: "field is immutable" }] : []),
    });
    await k.run("apply -f v1.yaml");
    const r = await k.run("apply -f v2.yaml");
    expect(r).toEqual({ exitCode: 1, stdout: "", stderr: 'The ConfigMap "frozen" is invalid: data: Forbidden: field is immutable\n' });
    const uid = k.cluster.api.get("ConfigMap", "default", "frozen").metadata.uid;
    expect((await k.run("apply -f v2.yaml --force")).stdout).toBe("configmap/frozen configured\n");
    const now = k.cluster.api.get("ConfigMap", "default", "frozen");
    expect(now.data).toEqual({ a: "2" });
    expect(now.metadata.uid).not.toBe(uid);
  });

  it("shows the patch and the object in the aggregate form of a rejected update", async () => {
    const k = kubectlKit({ "v1.yaml": configMapYaml("frozen", { a: "1" }), "v2.yaml": `${configMapYaml("frozen", { a: "2" })}---\n${configMapYaml("x", { a: "1" }, "nope")}` });
    k.cluster.api.registerStrategy("ConfigMap", {
      validateUpdate: (obj, old) => (obj.data?.a !== old.data?.a ? [{ field: "data", type: "Forbidden", detail: "field is immutable" }] : []),
    });
    await k.run("apply -f v1.yaml");
    const r = await k.run("apply -f v2.yaml");
    const lines = r.stderr.split("\n");
    expect(lines[0]).toBe("Error from server (Invalid): error when applying patch:");
    expect(lines[1]).toMatch(/^\{"data":\{"a":"2"\},"metadata":\{"annotations":\{"kubectl.kubernetes.io\/last-applied-configuration":".*"\}\}\}$/);
    expect(lines.slice(2, 5)).toEqual(["to:", 'Resource: "/v1, Resource=configmaps", GroupVersionKind: "/v1, Kind=ConfigMap"', 'Name: "frozen", Namespace: "default"']);
    expect(lines[5]).toBe('for: "v2.yaml": error when patching "v2.yaml": ConfigMap "frozen" is invalid: data: Forbidden: field is immutable');
    expect(lines[6]).toBe('Error from server (NotFound): error when creating "v2.yaml": namespaces "nope" not found');
  });

  it("maps --validate to the API's field validation", async () => {
    const k = kubectlKit({ "cm.yaml": configMapYaml("c", { a: "1" }) });
    k.cluster.api.registerStrategy("ConfigMap", { unknownFields: () => ["spec"] });
    expect((await k.run("apply -f cm.yaml")).stderr).toBe(
      'Error from server (BadRequest): error when creating "cm.yaml": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"\n',
    );
    const warned = await k.run("apply -f cm.yaml --validate=warn");
    expect(warned).toEqual({ exitCode: 0, stdout: "configmap/c created\n", stderr: 'Warning: unknown field "spec"\n' });
    expect((await k.run("apply -f cm.yaml --validate=false")).stdout).toBe("configmap/c unchanged\n");
    expect((await k.run("apply -f cm.yaml --validate=maybe")).stderr).toBe('error: invalid - validate option "maybe"; must be one of: strict (or true), warn, ignore (or false)\n');
  });

  it("enforces -n against the manifest's namespace", async () => {
    const k = kubectlKit({ "cm.yaml": configMapYaml("c", { a: "1" }, "kube-system") });
    expect((await k.run("apply -f cm.yaml -n default")).stderr).toBe(
      `error: the namespace from the provided object "kube-system" does not match the namespace "default". You must pass '--namespace=kube-system' to perform this operation.\n`,
    );
    expect((await k.run("apply -f cm.yaml")).stdout).toBe("configmap/c created\n");
    expect(k.cluster.api.tryGet("ConfigMap", "kube-system", "c")).toBeDefined();
  });

  it("warns when the live object lacks the annotation, and on API warnings of the update", async () => {
    const k = kubectlKit({ "cm.yaml": configMapYaml("c", { a: "1" }) });
    await k.run("create -f cm.yaml");
    const r = await k.run("apply -f cm.yaml");
    expect(r.stdout).toBe("configmap/c configured\n");
    expect(r.stderr).toBe(
      "Warning: resource configmaps/c is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
    );
    expect((await k.run("apply -f cm.yaml")).stdout).toBe("configmap/c unchanged\n");
  });

  it("reads stdin and rejects what kubectl rejects", async () => {
    const k = kubectlKit();
    expect((await k.run("apply -f -", configMapYaml("s", { a: "1" }))).stdout).toBe("configmap/s created\n");
    expect((await k.run("apply")).stderr).toBe("error: must specify one of -f and -k\n");
    expect((await k.run("apply -f missing.yaml")).stderr).toBe('error: the path "missing.yaml" does not exist\n');
    expect((await k.run("apply -f -", "")).stderr).toBe("error: no objects passed to apply\n");
    const gen = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: x-\n";
    expect((await k.run("apply -f -", gen)).stderr).toBe("error: from x-: cannot use generate name with apply\n");
  });

  it("says when an Invalid error has several causes, one per line", async () => {
    const k = kubectlKit({ "cm.yaml": configMapYaml("c", { a: "1" }) });
    k.cluster.api.registerAdmission({
      name: "deny",
      validate: (op, obj) => {
        if (op === "CREATE") throw invalid("ConfigMap", obj.metadata.name!, [{ field: "data.a", type: "Invalid value", value: "1", detail: "nope" }, { field: "metadata.name", type: "Required value" }]);
      },
    });
    expect((await k.run("apply -f cm.yaml")).stderr).toBe('The ConfigMap "c" is invalid: \n* data.a: Invalid value: "1": nope\n* metadata.name: Required value\n');
  });
});
