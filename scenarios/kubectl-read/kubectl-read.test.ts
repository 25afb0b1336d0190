import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replay } from "../helpers";

const dir = (name: string) => join(__dirname, name);
const lines = (...l: string[]) => l.map((x) => `${x}\n`).join("");

const NODE_LABELS = (n: string) =>
  `beta.kubernetes.io/arch=amd64,beta.kubernetes.io/os=linux,kubernetes.io/arch=amd64,kubernetes.io/hostname=${n},kubernetes.io/os=linux`;
const UNSCHEDULABLE =
  "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.";

/** The lines of `text` from the one starting with `from` up to (not including) the next one starting with `to`. */
function section(text: string, from: string, to?: string): string {
  const all = text.replace(/\n$/, "").split("\n");
  const start = all.findIndex((l) => l.startsWith(from));
  if (start < 0) throw new Error(`no line starting ${from} in:\n${text}`);
  const end = to === undefined ? all.length : all.findIndex((l, i) => i > start && l.startsWith(to));
  return all.slice(start, end < 0 ? all.length : end).join("\n") + "\n";
}

describe("kubectl-read scenarios", () => {
  it("get-tables: default and wide columns, -A, labels, selectors, not-found messages", async () => {
    const r = await replay(dir("get-tables"));
    expect(r.find("kubectl get pods").stdout).toBe(
      lines("NAME   READY   STATUS            RESTARTS   AGE", "api    0/1     SchedulingGated   0          2m5s", "web    0/2     Pending           0          2m5s"),
    );
    expect(r.find("kubectl get pods -o wide").stdout).toBe(
      lines(
        "NAME   READY   STATUS            RESTARTS   AGE    IP       NODE     NOMINATED NODE   READINESS GATES",
        "api    0/1     SchedulingGated   0          2m5s   <none>   <none>   <none>           <none>",
        "web    0/2     Pending           0          2m5s   <none>   <none>   <none>           <none>",
      ),
    );
    expect(r.find("kubectl get pods -A -l tier").stdout).toBe(
      lines(
        // kubeadm labels the control plane's static pods tier=control-plane.
        "NAMESPACE     NAME                                    READY   STATUS            RESTARTS   AGE",
        "default       api                                     0/1     SchedulingGated   0          2m5s",
        "default       web                                     0/2     Pending           0          2m5s",
        "kube-system   etcd-control-plane                      1/1     Running           0          2m5s",
        "kube-system   kube-apiserver-control-plane            1/1     Running           0          2m5s",
        "kube-system   kube-controller-manager-control-plane   1/1     Running           0          2m5s",
        "kube-system   kube-scheduler-control-plane            1/1     Running           0          2m5s",
        "shop          cart                                    0/1     Pending           0          2m5s",
      ),
    );
    expect(r.find("--show-labels").stdout).toBe(
      lines("NAME   READY   STATUS            RESTARTS   AGE    LABELS", "api    0/1     SchedulingGated   0          2m5s   app=api,tier=backend"),
    );
    expect(r.find("-L app,tier").stdout).toBe(
      lines("NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE    APP    TIER", "shop        cart   0/1     Pending   0          2m5s   cart   backend"),
    );
    expect(r.find("metadata.namespace=shop").stdout).toBe(
      lines("NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE", "shop        cart   0/1     Pending   0          2m5s"),
    );
    const running = r.find("status.phase=Running");
    expect([running.stdout, running.stderr]).toEqual(["", "No resources found in default namespace.\n"]);
    expect(r.find("spec.image=nginx").stderr).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.image=nginx": field label not supported: spec.image\n',
    );
    expect(r.find("--no-headers").stdout).toBe(lines("api   0/1   SchedulingGated   0     2m5s", "web   0/2   Pending           0     2m5s"));

    // Several kinds: a NAME column with the kind prefix and a blank line between tables.
    expect(r.find("kubectl get pods,services").stdout).toBe(
      lines(
        "NAME      READY   STATUS            RESTARTS   AGE",
        "pod/api   0/1     SchedulingGated   0          2m5s",
        "pod/web   0/2     Pending           0          2m5s",
        "",
        "NAME                 TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)                      AGE",
        "service/db           ClusterIP   None           <none>        5432/TCP                     2m5s",
        "service/kubernetes   ClusterIP   10.96.0.1      <none>        443/TCP                      2m5s",
        "service/web          NodePort    10.96.100.10   <none>        80:30080/TCP,443:30443/TCP   2m5s",
      ),
    );
    expect(r.find("kubectl get pod/api service/web").stdout).toBe(
      lines(
        "NAME      READY   STATUS            RESTARTS   AGE",
        "pod/api   0/1     SchedulingGated   0          2m5s",
        "",
        "NAME          TYPE       CLUSTER-IP     EXTERNAL-IP   PORT(S)                      AGE",
        "service/web   NodePort   10.96.100.10   <none>        80:30080/TCP,443:30443/TCP   2m5s",
      ),
    );
    expect(r.find("kubectl get configmap,secret").stdout).toBe(
      lines(
        "NAME                         DATA   AGE",
        "configmap/kube-root-ca.crt   1      2m5s",
        "configmap/web-config         2      2m5s",
        "",
        "NAME                 TYPE     DATA   AGE",
        "secret/db-password   Opaque   2      2m5s",
      ),
    );
    expect(r.find("kubectl get svc web -o wide").stdout).toBe(
      lines(
        "NAME   TYPE       CLUSTER-IP     EXTERNAL-IP   PORT(S)                      AGE    SELECTOR",
        "web    NodePort   10.96.100.10   <none>        80:30080/TCP,443:30443/TCP   2m5s   app=web",
      ),
    );

    expect(r.find("kubectl get nodes").stdout).toBe(
      lines(
        "NAME            STATUS   ROLES           AGE    VERSION",
        "control-plane   Ready    control-plane   2m5s   v1.31.0",
        "node-1          Ready    <none>          2m5s   v1.31.0",
        "node-2          Ready    <none>          2m5s   v1.31.0",
        "node-3          Ready    <none>          2m5s   v1.31.0",
      ),
    );
    const wide = r.find("kubectl get nodes -o wide").stdout.split("\n");
    expect(wide[0]).toBe(
      "NAME            STATUS   ROLES           AGE    VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION   CONTAINER-RUNTIME",
    );
    expect(wide[2]).toBe("node-1          Ready    <none>          2m5s   v1.31.0   172.18.0.3    <none>        Debian GNU/Linux 12 (bookworm)   6.1.0-28-amd64   containerd://1.7.18");
    expect(r.find("kubernetes.io/hostname=node-2").stdout).toBe(
      lines("NAME     STATUS   ROLES    AGE    VERSION   LABELS", `node-2   Ready    <none>   2m5s   v1.31.0   ${NODE_LABELS("node-2")}`),
    );

    expect(r.find("kubectl get pod nope").stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.find("kubectl get pods -n empty").stderr).toBe("No resources found in empty namespace.\n");
    expect(r.find("app=nothing").stderr).toBe("No resources found\n");
    const partial = r.find("kubectl get pod api nope");
    expect(partial.stdout).toBe(lines("NAME   READY   STATUS            RESTARTS   AGE", "api    0/1     SchedulingGated   0          2m5s"));
    expect(partial.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(partial.exitCode).toBe(1);
  });

  it("output-formats: yaml, json, name, jsonpath, custom-columns, sort-by, go-template, -f", async () => {
    const r = await replay(dir("output-formats"));
    const cm = r.cluster.store.get("ConfigMap", "default", "web-config")!;
    const svc = r.cluster.store.get("Service", "default", "web")!;
    const cmApplied =
      '{"apiVersion":"v1","data":{"index.html":"\\u003ch1\\u003ehello\\u003c/h1\\u003e\\n","mode":"prod","replicas":"3"},"kind":"ConfigMap","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web-config","namespace":"default"}}';
    const cmYAML = (indent: string) =>
      [
        "apiVersion: v1",
        "data:",
        "  index.html: |",
        "    <h1>hello</h1>",
        "  mode: prod",
        '  replicas: "3"',
        "kind: ConfigMap",
        "metadata:",
        "  annotations:",
        "    kubectl.kubernetes.io/last-applied-configuration: |",
        `      ${cmApplied}`,
        '  creationTimestamp: "2025-01-01T00:00:00Z"',
        "  labels:",
        "    app: web",
        "  name: web-config",
        "  namespace: default",
        `  resourceVersion: "${cm.metadata.resourceVersion}"`,
        `  uid: ${cm.metadata.uid}`,
      ].map((l, i) => (i === 0 ? `${indent === "" ? "" : "- "}${l}` : `${indent}${l}`));
    expect(r.find("kubectl get configmap web-config -o yaml").stdout).toBe(lines(...cmYAML("")));
    expect(r.find("kubectl get configmaps -l app=web -o yaml").stdout).toBe(
      lines("apiVersion: v1", "items:", ...cmYAML("  "), "kind: List", "metadata:", '  resourceVersion: ""'),
    );

    const json = r.find("kubectl get service web -o json").stdout;
    expect(JSON.parse(json).metadata.uid).toBe(svc.metadata.uid);
    expect(json).not.toContain("managedFields");
    expect(json.split("\n").slice(0, 4).join("\n")).toBe('{\n    "apiVersion": "v1",\n    "kind": "Service",\n    "metadata": {');
    expect(json).toContain(
      '    "spec": {\n        "clusterIP": "10.96.100.10",\n        "clusterIPs": [\n            "10.96.100.10"\n        ],\n        "internalTrafficPolicy": "Cluster",',
    );
    expect(json.endsWith('    "status": {\n        "loadBalancer": {}\n    }\n}\n')).toBe(true);
    const managed = r.find("--show-managed-fields").stdout;
    expect(managed).toContain("  managedFields:\n  - apiVersion: v1\n    fieldsType: FieldsV1\n");
    expect(managed).toContain("    manager: kubectl-client-side-apply\n    operation: Update\n");

    expect(r.find("kubectl get pods -o name").stdout).toBe(lines("pod/api", "pod/batch", "pod/web"));
    expect(r.find("kubectl get pods,services,configmaps -l app=web -o name").stdout).toBe(lines("pod/web", "service/web", "configmap/web-config"));

    expect(r.find("{.items[*].metadata.name}").stdout).toBe("api batch web");
    expect(r.find("{range .items[*]}").stdout).toBe("api\texample/api:2.1\nbatch\tbusybox:1.36\nweb\tnginx:1.27 busybox:1.36\n");
    expect(r.find('?(@.metadata.labels.tier=="backend")').stdout).toBe("api");
    expect(r.find("{.items[0:2].metadata.name}").stdout).toBe("api batch");
    expect(r.find("{.items[-1:].metadata.name}").stdout).toBe("web");
    expect(r.find("{..image}").stdout).toBe("nginx:1.27 busybox:1.36");
    expect(r.find("{.metadata.name} {.metadata.labels}").stdout).toBe('web {"app":"web","tier":"frontend"}');
    expect(r.find("['name','image']").stdout).toBe("nginx log nginx:1.27 busybox:1.36");
    expect(r.find("jsonpath-file=containers.jsonpath").stdout).toBe("nginx=nginx:1.27\nlog=busybox:1.36\n");
    const [missing, strict] = r.all("{.status.nothing}");
    expect([missing.stdout, missing.stderr, missing.exitCode]).toEqual(["", "", 0]);
    expect(strict.stderr).toMatch(
      /^error: error executing jsonpath "\{\.status\.nothing\}": Error executing template: nothing is not found\. Printing more information for debugging the template:\n\ttemplate was:\n\t\t\{\.status\.nothing\}\n\tobject given to jsonpath engine was:\n\t\tmap\[string\]interface \{\}\{"apiVersion":"v1", "kind":"Pod", .*\}\}\n\n\n$/s,
    );
    expect(r.find("{.spec.containers[5].name}").stderr).toMatch(/^error: error executing jsonpath "\{\.spec\.containers\[5\]\.name\}": Error executing template: array index out of bounds: index 5, length 2\. /);
    expect(r.find("{.items[*'").stderr).toBe("error: error parsing jsonpath {.items[*, unterminated array\n");

    expect(r.find("custom-columns=NAME").stdout).toBe(
      lines("NAME    IMAGES                    TIER", "api     example/api:2.1           backend", "batch   busybox:1.36              <none>", "web     nginx:1.27,busybox:1.36   frontend"),
    );
    // Quantities sort by value (256Mi before 1Gi); a pod without the field sorts first.
    expect(r.find("custom-columns-file=columns.txt").stdout).toBe(lines("NAME    MEMORY", "web     <none>", "api     256Mi", "batch   1Gi"));
    expect(r.find("--sort-by=.metadata.name").stdout).toBe(
      lines(
        "NAME    READY   STATUS    RESTARTS   AGE",
        "api     0/1     Pending   0          30s",
        "batch   0/1     Pending   0          30s",
        "web     0/2     Pending   0          30s",
      ),
    );
    expect(r.find("--sort-by=.spec.nothing").stderr).toBe('error: couldn\'t find any field with path "{.spec.nothing}" in the list of objects\n');
    expect(r.find("go-template=").stdout).toBe("api\nbatch\nweb\n");
    expect(r.find("-o table").stderr).toBe(
      'error: unable to match a printer suitable for the output format "table", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );

    // get -f lists what the manifest names, in its order, one table per kind.
    expect(r.find("kubectl get -f objects.yaml").stdout).toBe(
      lines(
        "NAME        READY   STATUS    RESTARTS   AGE",
        "pod/web     0/2     Pending   0          30s",
        "pod/api     0/1     Pending   0          30s",
        "pod/batch   0/1     Pending   0          30s",
        "",
        "NAME          TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE",
        "service/web   ClusterIP   10.96.100.10   <none>        8080/TCP   30s",
        "",
        "NAME                   DATA   AGE",
        "configmap/web-config   3      30s",
      ),
    );
    expect(r.find("kubectl get -f objects.yaml -o name").stdout).toBe(lines("pod/web", "pod/api", "pod/batch", "service/web", "configmap/web-config"));
  });

  it("get-all: kubectl's grouping, blank lines between kinds, wide columns of workloads", async () => {
    const r = await replay(dir("get-all"));
    expect(r.find("kubectl get all -n shop").stdout).toBe(
      lines(
        "NAME        READY   STATUS    RESTARTS   AGE",
        "pod/debug   0/1     Pending   0          3h5m",
        "",
        "NAME               TYPE           CLUSTER-IP     EXTERNAL-IP      PORT(S)        AGE",
        "service/frontend   LoadBalancer   10.96.200.20   172.18.255.200   80:31080/TCP   3h5m",
        "",
        "NAME                       READY   UP-TO-DATE   AVAILABLE   AGE",
        "deployment.apps/frontend   0/3     0            0           3h5m",
        "",
        "NAME                   SCHEDULE       TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE",
        "cronjob.batch/report   */15 * * * *   <none>     True      0        <none>          3h5m",
      ),
    );
    expect(r.find("-o wide").stdout).toBe(
      lines(
        "NAME                       READY   UP-TO-DATE   AVAILABLE   AGE    CONTAINERS   IMAGES       SELECTOR",
        "deployment.apps/frontend   0/3     0            0           3h5m   nginx        nginx:1.27   app=frontend",
        "",
        "NAME                   SCHEDULE       TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE    CONTAINERS   IMAGES         SELECTOR",
        "cronjob.batch/report   */15 * * * *   <none>     True      0        <none>          3h5m   report       busybox:1.36   <none>",
      ),
    );
    expect(r.find("kubectl get all -n empty").stderr).toBe("No resources found in empty namespace.\n");
    expect(r.find("kubectl get namespaces").stdout).toBe(
      lines(
        "NAME              STATUS   AGE",
        "default           Active   3h5m",
        "kube-node-lease   Active   3h5m",
        "kube-public       Active   3h5m",
        "kube-system       Active   3h5m",
        "shop              Active   3h5m",
      ),
    );
    expect(r.find("kubectl get ns shop --show-labels").stdout).toBe(lines("NAME   STATUS   AGE    LABELS", "shop   Active   3h5m   kubernetes.io/metadata.name=shop"));
    expect(r.find("kubectl get cm -n shop").stdout).toBe(lines("NAME               DATA   AGE", "kube-root-ca.crt   1      3h5m", "settings           1      3h5m"));
  });

  it("describe: a pending pod with every container section, event aggregation, nodes with their pods", async () => {
    const r = await replay(dir("describe"));
    const [first, later] = r.all("kubectl describe pod app");
    const pod = r.cluster.store.get("Pod", "default", "app")!;
    const token = pod.spec.volumes.find((v: { name: string }) => v.name.startsWith("kube-api-access-")).name;
    const body = lines(
      "Name:             app",
      "Namespace:        default",
      "Priority:         0",
      "Service Account:  default",
      "Node:             <none>",
      "Labels:           app=shop",
      "                  tier=backend",
      "Annotations:      team: payments",
      "Status:           Pending",
      "IP:               ",
      "IPs:              <none>",
      "Containers:",
      "  app:",
      "    Image:      example/shop:1.4",
      "    Port:       8080/TCP",
      "    Host Port:  0/TCP",
      "    Command:",
      "      /bin/shop",
      "    Args:",
      "      --port=8080",
      "      --verbose",
      "    Limits:",
      "      cpu:     500m",
      "      memory:  256Mi",
      "    Requests:",
      "      cpu:      250m",
      "      memory:   128Mi",
      "    Liveness:   http-get http://:http/healthz delay=10s timeout=1s period=20s #success=1 #failure=3",
      "    Readiness:  tcp-socket :8080 delay=0s timeout=1s period=5s #success=1 #failure=2",
      "    Environment Variables from:",
      "      app-config  ConfigMap  Optional: false",
      "    Environment:",
      "      MODE:         production",
      "      LOG_LEVEL:    <set to the key 'LOG_LEVEL' of config map 'app-config'>  Optional: false",
      "      DB_PASSWORD:  <set to the key 'password' in secret 'app-secret'>       Optional: false",
      "      POD_IP:        (v1:status.podIP)",
      "    Mounts:",
      "      /etc/shop from config (ro)",
      "      /tmp from scratch (rw)",
      `      /var/run/secrets/kubernetes.io/serviceaccount from ${token} (ro)`,
      "Conditions:",
      "  Type           Status",
      "  PodScheduled   False ",
      "Volumes:",
      "  config:",
      "    Type:      ConfigMap (a volume populated by a ConfigMap)",
      "    Name:      app-config",
      "    Optional:  false",
      "  scratch:",
      "    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)",
      "    Medium:     ",
      "    SizeLimit:  1Gi",
      `  ${token}:`,
      "    Type:                    Projected (a volume that contains injected data from multiple sources)",
      "    TokenExpirationSeconds:  3607",
      "    ConfigMapName:           kube-root-ca.crt",
      "    ConfigMapOptional:       <nil>",
      "    DownwardAPI:             true",
      "QoS Class:                   Burstable",
      "Node-Selectors:              disk=ssd",
      "Tolerations:                 dedicated=payments:NoSchedule",
      "                             node.kubernetes.io/not-ready:NoExecute op=Exists for 300s",
      "                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s",
      "Events:",
    );
    expect(first.stdout).toBe(
      body +
        lines(
          "  Type     Reason            Age   From               Message",
          "  ----     ------            ----  ----               -------",
          `  Warning  FailedScheduling  10s   default-scheduler  ${UNSCHEDULABLE}`,
        ),
    );
    // The scheduler retried after five minutes: one row, counted, with the age of the last and the first.
    expect(later.stdout).toBe(
      body +
        lines(
          "  Type     Reason            Age                  From               Message",
          "  ----     ------            ----                 ----               -------",
          `  Warning  FailedScheduling  40s (x2 over 6m10s)  default-scheduler  ${UNSCHEDULABLE}`,
        ),
    );
    expect(r.find("kubectl describe pods -l app=shop").stdout).toBe(later.stdout);
    // A name that matches nothing falls back to a prefix match, which prints each with an extra newline.
    expect(r.find("kubectl describe po ap").stdout).toBe(`${later.stdout}\n`);
    expect(r.find("kubectl describe pod missing").stderr).toBe('Error from server (NotFound): pods "missing" not found\n');

    const node1 = r.find("kubectl describe node node-1").stdout;
    expect(section(node1, "Name:", "Lease:")).toBe(
      lines(
        "Name:               node-1",
        "Roles:              <none>",
        "Labels:             beta.kubernetes.io/arch=amd64",
        "                    beta.kubernetes.io/os=linux",
        "                    kubernetes.io/arch=amd64",
        "                    kubernetes.io/hostname=node-1",
        "                    kubernetes.io/os=linux",
        "Annotations:        node.alpha.kubernetes.io/ttl: 0",
        "                    volumes.kubernetes.io/controller-managed-attach-detach: true",
        "CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000",
        "Taints:             <none>",
        "Unschedulable:      false",
      ),
    );
    expect(section(node1, "Conditions:", "  MemoryPressure")).toBe(
      lines(
        "Conditions:",
        "  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message",
        "  ----             ------  -----------------                 ------------------                ------                       -------",
      ),
    );
    expect(section(node1, "Addresses:", "System Info:")).toBe(
      lines(
        "Addresses:",
        "  InternalIP:  172.18.0.3",
        "  Hostname:    node-1",
        "Capacity:",
        "  cpu:                4",
        "  ephemeral-storage:  100Gi",
        "  hugepages-1Gi:      0",
        "  hugepages-2Mi:      0",
        "  memory:             8Gi",
        "  pods:               110",
        "Allocatable:",
        "  cpu:                4",
        "  ephemeral-storage:  100Gi",
        "  hugepages-1Gi:      0",
        "  hugepages-2Mi:      0",
        "  memory:             8Gi",
        "  pods:               110",
      ),
    );
    // Percentages of allocatable, rounded down as kubectl does; the pod table and the totals.
    const pods = section(node1, "Non-terminated Pods:", "Allocated resources:");
    expect(pods).toContain("  data                        db                  500m (12%)    1 (25%)     1Gi (12%)        2Gi (25%)      6m10s\n");
    expect(pods).toContain("  default                     cache               100m (2%)     0 (0%)      200Mi (2%)       0 (0%)         6m10s\n");
    // kube-proxy runs on every node.
    expect(pods).toMatch(/\n {2}kube-system {17}kube-proxy-[a-z0-9]{5} {4}0 \(0%\) {8}0 \(0%\) {6}0 \(0%\) {11}0 \(0%\) {9}6m10s\n/);
    expect(section(node1, "Allocated resources:", "Events:")).toBe(
      lines(
        "Allocated resources:",
        "  (Total limits may be over 100 percent, i.e., overcommitted.)",
        "  Resource           Requests      Limits",
        "  --------           --------      ------",
        "  cpu                600m (15%)    1 (25%)",
        "  memory             1224Mi (14%)  2Gi (25%)",
        "  ephemeral-storage  0 (0%)        0 (0%)",
        "  hugepages-1Gi      0 (0%)        0 (0%)",
        "  hugepages-2Mi      0 (0%)        0 (0%)",
      ),
    );

    const node2 = r.find("kubectl describe nodes node-2").stdout;
    expect(section(node2, "Taints:", "Lease:")).toBe(lines("Taints:             dedicated=payments:NoSchedule", "Unschedulable:      true"));
    expect(r.find("kubectl get nodes").stdout).toContain("node-2          Ready,SchedulingDisabled   <none>          6m10s   v1.31.0\n");

    expect(r.find("kubectl describe configmap app-config").stdout).toBe(
      lines(
        "Name:         app-config",
        "Namespace:    default",
        "Labels:       <none>",
        "Annotations:  <none>",
        "",
        "Data",
        "====",
        "LOG_LEVEL:",
        "----",
        "debug",
        "",
        "app.properties:",
        "----",
        "color=blue",
        "",
        "",
        "",
        "BinaryData",
        "====",
        "",
        "Events:  <none>",
      ),
    );
    expect(r.find("kubectl describe secret app-secret").stdout).toBe(
      lines("Name:         app-secret", "Namespace:    default", "Labels:       <none>", "Annotations:  <none>", "", "Type:  Opaque", "", "Data", "====", "password:  6 bytes"),
    );
    expect(r.find("kubectl describe namespace data").stdout).toBe(
      lines("Name:         data", "Labels:       kubernetes.io/metadata.name=data", "Annotations:  <none>", "Status:       Active", "", "No resource quota.", "", "No LimitRange resource."),
    );
    expect(section(r.find("kubectl describe service kubernetes").stdout, "Selector:")).toBe(
      lines(
        "Selector:                 <none>",
        "Type:                     ClusterIP",
        "IP Family Policy:         SingleStack",
        "IP Families:              IPv4",
        "IP:                       10.96.0.1",
        "IPs:                      10.96.0.1",
        "Port:                     https  443/TCP",
        "TargetPort:               6443/TCP",
        "Endpoints:                172.18.0.2:6443",
        "Session Affinity:         None",
        "Internal Traffic Policy:  Cluster",
        "Events:                   <none>",
      ),
    );
  });

  it("events-and-config: events tables, kubectl events filters, cluster-info, kubeconfig", async () => {
    const r = await replay(dir("events-and-config"));
    expect(r.find("kubectl get events --field-selector involvedObject.kind=Pod").stdout).toBe(
      lines("LAST SEEN   TYPE      REASON             OBJECT      MESSAGE", `60s         Warning   FailedScheduling   pod/gated   ${UNSCHEDULABLE}`),
    );
    expect(r.find("reason=FailedScheduling").stdout).toBe(lines("NAMESPACE   OBJECT    COUNT", "default     gated     1", "shop        waiting   1"));
    expect(r.find("kubectl events -n shop").stdout).toBe(
      lines("LAST SEEN   TYPE      REASON             OBJECT        MESSAGE", `60s         Warning   FailedScheduling   Pod/waiting   ${UNSCHEDULABLE}`),
    );
    expect(r.find("kubectl events --for pod/gated").stdout).toBe(
      lines("LAST SEEN   TYPE      REASON             OBJECT      MESSAGE", `60s         Warning   FailedScheduling   Pod/gated   ${UNSCHEDULABLE}`),
    );
    expect(r.find("--types=Normal").stderr).toBe("No events found in shop namespace.\n");
    expect(r.find("--types=Bogus").stderr).toBe("error: valid --types are Normal or Warning\n");
    expect(r.find("kubectl get events -n kube-public").stderr).toBe("No resources found in kube-public namespace.\n");

    expect(r.find("kubectl cluster-info").stdout).toBe(
      lines(
        "Kubernetes control plane is running at https://127.0.0.1:6443",
        "CoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy",
        "",
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
      ),
    );
    const versions = r.find("kubectl api-versions").stdout.split("\n");
    expect(versions).toContain("apps/v1");
    expect(versions.at(-2)).toBe("v1");
    expect(r.find("kubectl config current-context").stdout).toBe("podlab\n");
    expect(r.find("kubectl config get-contexts").stdout).toBe(lines("CURRENT   NAME     CLUSTER   AUTHINFO   NAMESPACE", "*         podlab   podlab    podlab     "));
    expect(r.find("kubectl config view").stdout).toBe(
      lines(
        "apiVersion: v1",
        "clusters:",
        "- cluster:",
        "    certificate-authority-data: DATA+OMITTED",
        "    server: https://127.0.0.1:6443",
        "  name: podlab",
        "contexts:",
        "- context:",
        "    cluster: podlab",
        "    user: podlab",
        "  name: podlab",
        "current-context: podlab",
        "kind: Config",
        "preferences: {}",
        "users:",
        "- name: podlab",
        "  user:",
        "    client-certificate-data: DATA+OMITTED",
        "    client-key-data: DATA+OMITTED",
      ),
    );
    expect(r.find("set-context --current").stdout).toBe('Context "podlab" modified.\n');
    expect(r.find("kubectl get pods").stdout).toBe(lines("NAME      READY   STATUS    RESTARTS   AGE", "waiting   0/1     Pending   0          60s"));
    expect(r.find("--minify").stdout).toBe("shop");
    expect(r.find("use-context other").stderr).toBe('error: no context exists with the name: "other"\n');
  });

  it("watch: table then a row per change, ended by --request-timeout or a quiet minute", async () => {
    const r = await replay(dir("watch"));
    const first = r.find("kubectl get pods -w");
    expect(first.stdout.split("\n").slice(0, 2)).toEqual(["NAME   READY   STATUS    RESTARTS   AGE", "web    0/1     Pending   0          0s"]);
    expect(r.find("kubectl label nodes").time).toBe("30s");
    const only = r.find("--watch-only").stdout.split("\n");
    expect(only[0]).toBe("NAME   READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES");
    expect(only[1]).toMatch(/^web {4}0\/1 {5}\S+ +0 {10}30s {3}\S+ +node-2 {3}<none> {11}<none>$/);
    // The quiet minute after the pod last changed decides when the next command starts; the
    // ConfigMap was created at 0s, so its AGE is that start time.
    const events = r.find("--output-watch-events");
    const started = /^(?:(\d+)m)?(\d+)s$/.exec(events.time)!;
    const age = `${Number(started[1] ?? 0) * 60 + Number(started[2])}s`;
    expect(events.stdout.split("\n").slice(0, 2)).toEqual(["EVENT      NAME               DATA   AGE", `ADDED      kube-root-ca.crt   1      ${age}`]);
  });
});
