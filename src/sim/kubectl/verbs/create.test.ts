import { describe, expect, it } from "vitest";
import { LAST_APPLIED_ANNOTATION } from "../apply/last-applied";
import { configMapYaml, kubectlKit, podYaml } from "./testkit";

describe("kubectl create -f", () => {
  it("creates objects and fails on ones that exist, carrying on with the rest", async () => {
    const k = kubectlKit({ "pod.yaml": podYaml("nginx"), "both.yaml": `${podYaml("nginx")}---\n${configMapYaml("c", { a: "1" })}` });
    expect(await k.run("create -f pod.yaml")).toEqual({ exitCode: 0, stdout: "pod/nginx created\n", stderr: "" });
    expect(await k.run("create -f pod.yaml")).toEqual({
      exitCode: 1,
      stdout: "",
      stderr: 'Error from server (AlreadyExists): error when creating "pod.yaml": pods "nginx" already exists\n',
    });
    const r = await k.run("create -f both.yaml");
    expect(r.stdout).toBe("configmap/c created\n");
    expect(r.stderr).toBe('Error from server (AlreadyExists): error when creating "both.yaml": pods "nginx" already exists\n');
  });

  it("saves the configuration with --save-config and prints the object with -o yaml", async () => {
    const k = kubectlKit({ "cm.yaml": configMapYaml("c", { a: "1" }) });
    const r = await k.run("create -f cm.yaml --save-config -o yaml");
    expect(r.stdout).toMatch(/^apiVersion: v1\ndata:\n {2}a: "1"\nkind: ConfigMap\nmetadata:\n {2}annotations:\n {4}kubectl.kubernetes.io\/last-applied-configuration: \|\n/);
    expect(r.stdout).not.toContain("managedFields");
    expect(k.cluster.api.get("ConfigMap", "default", "c").metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBeDefined();
    expect((await k.run("apply -f cm.yaml")).stdout).toBe("configmap/c unchanged\n");
  });

  it("asks for -f like kubectl does", async () => {
    const k = kubectlKit();
    const r = await k.run("create");
    expect(r.exitCode).toBe(1);
    expect(r.stderr.startsWith("Error: must specify one of -f and -k\n\nCreate a resource from a file or from stdin.\n")).toBe(true);
    expect((await k.run("create foo")).stderr).toBe("Error: must specify one of -f and -k\n\nerror: unknown command \"foo\"\nSee 'kubectl create -h' for help and examples\n");
  });
});

describe("kubectl create generators", () => {
  it("prints the famous deployment manifest with --dry-run=client -o yaml", async () => {
    const k = kubectlKit();
    const r = await k.run("create deployment nginx --image=nginx --dry-run=client -o yaml");
    expect(r.stdout).toBe(`apiVersion: apps/v1
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
    expect(k.cluster.api.tryGet("Deployment", "default", "nginx")).toBeUndefined();
  });

  it("keeps the typed struct's field order in -o json", async () => {
    const k = kubectlKit();
    const r = await k.run("create deployment web --image=nginx:1.25 -r 3 --port=80 --dry-run=client -o json -n team");
    const parsed = JSON.parse(r.stdout);
    expect(Object.keys(parsed)).toEqual(["kind", "apiVersion", "metadata", "spec", "status"]);
    expect(Object.keys(parsed.metadata)).toEqual(["name", "namespace", "creationTimestamp", "labels"]);
    expect(parsed.spec.replicas).toBe(3);
    expect(parsed.spec.template.spec.containers).toEqual([{ name: "nginx", image: "nginx:1.25", ports: [{ containerPort: 80 }], resources: {} }]);
    expect(r.stdout.startsWith('{\n    "kind": "Deployment",\n    "apiVersion": "apps/v1",\n')).toBe(true);
  });

  it("creates a deployment with a command and reports failures as the generator does", async () => {
    const k = kubectlKit();
    expect((await k.run("create deployment web --image=busybox -- sleep 3600")).stdout).toBe("deployment.apps/web created\n");
    expect(k.cluster.api.get("Deployment", "default", "web").spec.template.spec.containers[0].command).toEqual(["sleep", "3600"]);
    expect((await k.run("create deployment web --image=busybox")).stderr).toBe('error: failed to create deployment: deployments.apps "web" already exists\n');
    expect((await k.run("create deployment web2")).stderr).toBe('error: required flag(s) "image" not set\n');
    expect((await k.run("create deployment --image=x")).stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n");
  });

  it("builds configmaps from literals, files and env files", async () => {
    const k = kubectlKit({ "conf/app.properties": "color=blue\n", "conf/other.txt": "x", "env.txt": "# settings\nA=1\n\nB=two\n" });
    const r = await k.run("create configmap cfg --from-literal=mode=prod --from-file=conf/app.properties --from-file=renamed=conf/other.txt --dry-run=client -o yaml");
    expect(r.stdout).toBe(`apiVersion: v1
data:
  app.properties: |
    color=blue
  mode: prod
  renamed: x
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: cfg
`);
    expect((await k.run("create configmap dir --from-file=conf")).stdout).toBe("configmap/dir created\n");
    expect(k.cluster.api.get("ConfigMap", "default", "dir").data).toEqual({ "app.properties": "color=blue\n", "other.txt": "x" });
    expect((await k.run("create cm env --from-env-file=env.txt")).stdout).toBe("configmap/env created\n");
    expect(k.cluster.api.get("ConfigMap", "default", "env").data).toEqual({ A: "1", B: "two" });
    expect((await k.run("create cm env --from-literal=a=b")).stderr).toBe('error: failed to create configmap: configmaps "env" already exists\n');
    expect((await k.run("create cm bad --from-literal=novalue")).stderr).toBe("error: invalid literal source novalue, expected key=value\n");
    expect((await k.run("create cm bad --from-literal=a=1 --from-literal=a=2")).stderr).toBe('error: cannot add key "a", another key by that name already exists in Data for ConfigMap "bad"\n');
  });

  it("encodes generic secrets in base64", async () => {
    const k = kubectlKit();
    const r = await k.run("create secret generic db --from-literal=user=admin --from-literal=password=s3cr3t! --dry-run=client -o yaml");
    expect(r.stdout).toBe(`apiVersion: v1
data:
  password: czNjcjN0IQ==
  user: YWRtaW4=
kind: Secret
metadata:
  creationTimestamp: null
  name: db
`);
    expect((await k.run("create secret generic db --from-literal=user=é")).stdout).toBe("secret/db created\n");
    expect(k.cluster.api.get("Secret", "default", "db").data).toEqual({ user: "w6k=" });
    expect((await k.run("create secret db")).stderr).toBe("error: unknown command \"db\"\nSee 'kubectl create secret -h' for help and examples\n");
  });

  it("generates jobs, cronjobs, services, namespaces and service accounts", async () => {
    const k = kubectlKit();
    expect((await k.run("create job hello --image=busybox --dry-run=client -o yaml -- echo hi")).stdout).toBe(`apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  name: hello
spec:
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers:
      - command:
        - echo
        - hi
        image: busybox
        name: hello
        resources: {}
      restartPolicy: Never
status: {}
`);
    expect((await k.run("create cronjob tick --image=busybox --schedule=*/1 * * * * --dry-run=client -o yaml")).stderr).toBe(
      "error: exactly one NAME is required, got 5\nSee 'kubectl create cronjob -h' for help and examples\n",
    );
    expect((await k.run("create cronjob tick --image=busybox --schedule='*/1 * * * *' --dry-run=client -o yaml")).stdout).toBe(`apiVersion: batch/v1
kind: CronJob
metadata:
  creationTimestamp: null
  name: tick
spec:
  jobTemplate:
    metadata:
      creationTimestamp: null
      name: tick
    spec:
      template:
        metadata:
          creationTimestamp: null
        spec:
          containers:
          - image: busybox
            name: tick
            resources: {}
          restartPolicy: OnFailure
  schedule: '*/1 * * * *'
status: {}
`);
    expect((await k.run("create service clusterip my-cs --tcp=5678:8080 --dry-run=client -o yaml")).stdout).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: my-cs
  name: my-cs
spec:
  ports:
  - name: 5678-8080
    port: 5678
    protocol: TCP
    targetPort: 8080
  selector:
    app: my-cs
  type: ClusterIP
status:
  loadBalancer: {}
`);
    expect((await k.run("create service nodeport np --tcp=80:http")).stdout).toBe("service/np created\n");
    expect(k.cluster.api.get("Service", "default", "np").spec.ports[0]).toMatchObject({ name: "80-http", port: 80, targetPort: "http", protocol: "TCP" });
    expect((await k.run("create service clusterip none")).stderr).toBe("error: at least one tcp port specifier must be provided\n");
    expect((await k.run("create namespace team --dry-run=client -o yaml")).stdout).toBe("apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: team\nspec: {}\nstatus: {}\n");
    expect((await k.run("create ns team")).stdout).toBe("namespace/team created\n");
    expect((await k.run("create ns team")).stderr).toBe('Error from server (AlreadyExists): namespaces "team" already exists\n');
    expect((await k.run("create sa robot -n team")).stdout).toBe("serviceaccount/robot created\n");
    expect(k.cluster.api.tryGet("ServiceAccount", "team", "robot")).toBeDefined();
  });

  it("creates a job from a cronjob's template with --from", async () => {
    const k = kubectlKit();
    await k.run("create cronjob tick --image=busybox --schedule='0 * * * *' -- date");
    expect((await k.run("create job manual --from=cronjob/tick")).stdout).toBe("job.batch/manual created\n");
    const job = k.cluster.api.get("Job", "default", "manual");
    expect(job.metadata.annotations).toEqual({ "cronjob.kubernetes.io/instantiate": "manual" });
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({ kind: "CronJob", name: "tick", controller: true });
    expect(job.spec.template.spec.containers[0].command).toEqual(["date"]);
    expect((await k.run("create job x")).stderr).toBe("error: either --image or --from must be specified\n");
  });
});
