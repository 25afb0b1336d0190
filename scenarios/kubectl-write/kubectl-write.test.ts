import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replay } from "../helpers";

const dir = (name: string) => join(__dirname, name);

describe("kubectl-write scenarios", () => {
  it("apply-lifecycle: created, unchanged, configured, rejected, forced", async () => {
    const r = await replay(dir("apply-lifecycle"));
    const applies = r.all("kubectl apply -f pod");
    expect(applies.map((x) => x.stdout)).toEqual([
      "pod/web created\n",
      "pod/web unchanged\n",
      "pod/web configured\n",
      "",
      "pod/web configured\n",
    ]);
    expect(r.find("get pod web -o jsonpath").stdout).toBe("nginx:1.26");
    expect(r.find("kubectl apply -f app\n".trim()).stdout).toBe("configmap/web-config created\ndeployment.apps/web created\n");
    expect(r.find("kubectl apply -f app-v2").stdout).toBe("configmap/web-config configured\ndeployment.apps/web configured\n");
    // The key the new manifest dropped is gone; the label someone else set stays.
    expect(r.find("jsonpath={.data}").stdout).toBe('{"mode":"production"}');
    expect(r.find("jsonpath={.metadata.labels.owner}").stdout).toBe("ops");
    expect(r.find("apply -f app-v2 -o name").stdout).toBe("configmap/web-config\ndeployment.apps/web\n");
    expect(r.cluster.api.get("Deployment", "default", "web").spec.replicas).toBe(3);

    const adopt = r.all("kubectl apply -f -");
    expect(adopt[0].stdout).toBe("configmap/settings configured\n");
    expect(adopt[0].stderr).toMatch(/^Warning: resource configmaps\/settings is missing the kubectl.kubernetes.io\/last-applied-configuration annotation/);
    expect(adopt[1]).toMatchObject({ exitCode: 0, stdout: "configmap/settings unchanged\n", stderr: "" });

    const rejected = r.find("apply -f pod-v3.yaml");
    expect(rejected.exitCode).toBe(1);
    expect(rejected.stderr.split("\n")[0]).toBe(
      'The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(r.cluster.api.get("Pod", "default", "web").spec.containers[0].ports[0].containerPort).toBe(8080);
  });

  it("dry-run: prints manifests and outcomes, stores nothing", async () => {
    const r = await replay(dir("dry-run"));
    expect(r.find("create deployment nginx").stdout).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: nginx
  name: nginx
spec:
  replicas: 1
  selector:
    matchLabels:
      app: nginx
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: nginx
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`);
    expect(r.find("kubectl run nginx").stdout).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`);
    expect(r.find("create configmap app-config").stdout).toBe(
      "apiVersion: v1\ndata:\n  app.properties: |\n    color=blue\n    size=large\n  mode: dev\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: app-config\n",
    );
    expect(r.all("apply -f pod.yaml").map((x) => x.stdout)).toEqual([
      "pod/web created (dry run)\n",
      "pod/web created (server dry run)\n",
      "pod/web created\n",
      "pod/web unchanged (server dry run)\n",
    ]);
    expect(r.find("delete pod web --dry-run=client").stdout).toBe('pod "web" deleted (dry run)\n');
    expect(r.find("delete pod web --dry-run=server").stdout).toBe('pod "web" deleted (server dry run)\n');
    expect(r.find("label pod web tier=front --dry-run=client").stdout).toBe("pod/web labeled (dry run)\n");
    expect(r.find("get pod web").stdout).toBe("web");
    expect(r.cluster.api.tryGet("Deployment", "default", "nginx")).toBeUndefined();
    expect(r.cluster.api.tryGet("ConfigMap", "default", "app-config")).toBeUndefined();
    expect(r.cluster.api.get("Pod", "default", "web").metadata.labels).toEqual({ app: "web" });
  });

  it("delete-wait: immediate deletes, a finalizer holding delete until --timeout, selectors", async () => {
    const r = await replay(dir("delete-wait"));
    const deletes = r.all("delete configmap quick");
    expect(deletes[0]).toMatchObject({ exitCode: 0, stdout: 'configmap "quick" deleted\n' });
    expect(deletes[1]).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): configmaps "quick" not found\n' });
    expect(deletes[2]).toMatchObject({ exitCode: 0, stdout: "", stderr: "" });

    const held = r.find("delete -f held.yaml --timeout=10s");
    expect(held).toMatchObject({ exitCode: 1, time: "0s", stdout: 'configmap "held" deleted\n', stderr: "error: timed out waiting for the condition on configmaps/held\n" });
    const after = r.find("get configmap held");
    expect(after.time).toBe("10s");
    expect(after.stdout).toBe("2025-01-01T00:00:00Z");
    expect(r.find("delete configmap held --wait=false")).toMatchObject({ exitCode: 0, stdout: 'configmap "held" deleted\n' });
    expect(r.find("patch configmap held").stdout).toBe("configmap/held patched\n");
    expect(r.all("delete configmap held").at(-1)).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): configmaps "held" not found\n' });

    expect(r.find("delete secret -l team=blue").stdout).toBe('secret "a" deleted\n');
    const all = r.all("delete secrets --all");
    expect(all[0].stdout).toBe('secret "b" deleted\n');
    expect(all[1]).toMatchObject({ exitCode: 0, stdout: "No resources found\n" });
    expect(r.find("--force --grace-period=0")).toMatchObject({
      exitCode: 1,
      stderr:
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\nError from server (NotFound): secrets "b" not found\n',
    });
  });

  it("metadata-and-nodes: label, annotate, taint and cordon messages", async () => {
    const r = await replay(dir("metadata-and-nodes"));
    const out = (cmd: string) => {
      const rec = r.records.find((x) => x.command === cmd);
      if (!rec) throw new Error(`no command ${cmd}`);
      return rec.stdout + rec.stderr;
    };
    expect(out("kubectl label configmap web app=web")).toBe("configmap/web labeled\n");
    expect(out("kubectl label configmap web app=api")).toBe("error: 'app' already has a value (web), and --overwrite is false\n");
    expect(r.all("label configmap web app=api --overwrite").map((x) => x.stdout)).toEqual(["configmap/web labeled\n", "configmap/web not labeled\n"]);
    expect(out("kubectl label configmap web app-")).toBe("configmap/web unlabeled\n");
    expect(out("kubectl label configmap web --list")).toBe("env=prod\ntier=front\n");
    expect(out("kubectl annotate configmap web owner=alice")).toBe("configmap/web annotated\n");
    expect(out("kubectl annotate configmap web owner=bob")).toBe("error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (alice)\n");
    expect(out("kubectl annotate configmap web owner-")).toBe("configmap/web annotated\n");
    expect(r.cluster.api.get("ConfigMap", "default", "web").metadata.annotations).toBeUndefined();

    const taints = r.all("kubectl taint nodes node-1").map((x) => x.stdout + x.stderr);
    expect(taints).toEqual([
      "node/node-1 tainted\n",
      "error: node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n",
      "node/node-1 modified\n",
      "node/node-1 untainted\n",
      'error: taint "dedicated:NoSchedule" not found\n',
      "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n",
    ]);
    expect(r.all("kubectl cordon node-2").map((x) => x.stdout)).toEqual(["node/node-2 cordoned\n", "node/node-2 already cordoned\n"]);
    expect(r.find("jsonpath={.spec.unschedulable}").stdout).toBe("true");
    expect(r.all("uncordon node-2").map((x) => x.stdout)).toEqual(["node/node-2 uncordoned\n", "node/node-2 already uncordoned\n"]);
    expect(r.cluster.api.get("Node", undefined, "node-2").spec.unschedulable).toBeUndefined();
  });

  it("wait: met at once, timing out on the virtual clock, then met after a change", async () => {
    const r = await replay(dir("wait"));
    expect(r.find("wait --for=condition=Ready node/node-1").stdout).toBe("node/node-1 condition met\n");
    expect(r.find("wait --for=condition=Ready nodes --all").stdout).toBe(
      "node/control-plane condition met\nnode/node-1 condition met\nnode/node-2 condition met\nnode/node-3 condition met\n",
    );
    const waits = r.all("--for=jsonpath={.data.phase}=done");
    expect(waits.map((w) => [w.time, w.exitCode, w.stdout + w.stderr])).toEqual([
      ["0s", 1, "error: timed out waiting for the condition on configmaps/job-state\n"],
      ["5s", 1, "error: timed out waiting for the condition on configmaps/job-state\n"],
      ["35s", 0, "configmap/job-state condition met\n"],
    ]);
    expect(r.find("wait --for=delete")).toMatchObject({ exitCode: 0, stdout: "", stderr: "" });
    expect(r.find("pod/missing")).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "missing" not found\n' });
    expect(r.find("--for=ready")).toMatchObject({ exitCode: 1, stderr: 'error: unrecognized condition: "ready"\n' });
  });

  it("errors: kubectl's wording and exit codes, and the good documents still applied", async () => {
    const r = await replay(dir("errors"));
    const widget = 'resource mapping not found for name: "w" namespace: "" from "mixed.yaml": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n';
    const missingNs = 'Error from server (NotFound): error when creating "mixed.yaml": namespaces "does-not-exist" not found\n';
    expect(r.find("kubectl apply -f mixed.yaml")).toMatchObject({ exitCode: 1, stdout: "configmap/good created\n", stderr: widget + missingNs });
    expect(r.find("kubectl create -f mixed.yaml")).toMatchObject({
      exitCode: 1,
      stdout: "",
      stderr: 'Error from server (AlreadyExists): error when creating "mixed.yaml": configmaps "good" already exists\n' + widget + missingNs,
    });
    expect(r.find("other-ns.yaml").stderr).toBe(
      `error: the namespace from the provided object "kube-system" does not match the namespace "default". You must pass '--namespace=kube-system' to perform this operation.\n`,
    );
    expect(r.find("missing.yaml").stderr).toBe('error: the path "missing.yaml" does not exist\n');
    expect(r.find("delete pod nope")).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(r.find("kubectl delete pods")).toMatchObject({ exitCode: 1, stderr: "error: resource(s) were provided, but no name was specified\n" });
    expect(r.find("label pod nope").stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.all("create configmap dup").map((x) => x.stdout + x.stderr)).toEqual(["configmap/dup created\n", 'error: failed to create configmap: configmaps "dup" already exists\n']);
    expect(r.find("run --image=nginx").stderr).toBe("error: NAME is required for run\n");
    expect(r.find("--validate=sometimes").stderr).toBe('error: invalid - validate option "sometimes"; must be one of: strict (or true), warn, ignore (or false)\n');
  });

  it("generators: objects lessons create from the command line", async () => {
    const r = await replay(dir("generators"));
    const lines = r.records.filter((x) => x.command.startsWith("kubectl create") || x.command.startsWith("kubectl run")).slice(0, 11);
    expect(lines.map((x) => x.stdout)).toEqual([
      "namespace/shop created\n",
      "deployment.apps/web created\n",
      "service/web created\n",
      "service/web-np created\n",
      "configmap/web-config created\n",
      "secret/db created\n",
      "serviceaccount/robot created\n",
      "job.batch/once created\n",
      "cronjob.batch/tick created\n",
      "job.batch/tick-now created\n",
      "pod/sleeper created\n",
    ]);
    expect(r.find("jsonpath={.data.password}").stdout).toBe("czNjcjN0");
    expect(r.find("get configmap web-config").stdout).toBe('{"log-level":"INFO\\n","nginx.conf":"listen 80;\\n"}');
    const api = r.cluster.api;
    expect(api.get("Deployment", "shop", "web").spec).toMatchObject({ replicas: 3, selector: { matchLabels: { app: "web" } } });
    expect(api.get("Service", "shop", "web-np").spec.ports[0]).toMatchObject({ name: "80-80", port: 80, targetPort: 80, nodePort: 30080 });
    expect(api.get("Job", "shop", "once").spec.template.spec.containers[0].command).toEqual(["echo", "hello"]);
    expect(api.get("CronJob", "shop", "tick").spec.schedule).toBe("*/5 * * * *");
    expect(api.get("Pod", "shop", "sleeper").spec.containers[0].args).toEqual(["sleep", "3600"]);
    expect(JSON.parse(r.find("--dry-run=client -o json").stdout)).toEqual({
      kind: "Secret",
      apiVersion: "v1",
      metadata: { name: "db", namespace: "shop", creationTimestamp: null },
      data: { user: "eA==" },
    });
  });
});
