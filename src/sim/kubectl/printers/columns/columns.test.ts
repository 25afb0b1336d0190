import { describe, expect, it } from "vitest";
import { at, clockAt, make } from "../fixtures";
import { tableFor } from ".";
import { nodeStatus } from "./node";

const ctx = { clock: clockAt(3 * 3600_000 + 5 * 60_000), wide: true };
const row = (obj: ReturnType<typeof make.object>) => tableFor(obj.kind).row(obj, ctx);
const headers = (kind: string, wide = false) => tableFor(kind).columns.filter((c) => wide || !c.priority).map((c) => c.name.toUpperCase());

describe("node table", () => {
  it("prints Ready, NotReady, Unknown and SchedulingDisabled", () => {
    expect(nodeStatus(make.node("n", { ready: "True" }) as never)).toBe("Ready");
    expect(nodeStatus(make.node("n", { ready: "False" }) as never)).toBe("NotReady");
    expect(nodeStatus(make.node("n", { ready: "Unknown" }) as never)).toBe("NotReady");
    expect(nodeStatus(make.node("n") as never)).toBe("Unknown");
    expect(nodeStatus(make.node("n", { ready: "True", unschedulable: true }) as never)).toBe("Ready,SchedulingDisabled");
  });

  it("derives roles from node-role labels and prints the wide columns", () => {
    const node = make.node("control-plane", { ready: "True", labels: { "node-role.kubernetes.io/control-plane": "", "kubernetes.io/role": "master" } });
    expect(row(node)).toEqual(["control-plane", "Ready", "control-plane,master", "3h5m", "v1.31.0", "172.18.0.3", "<none>", "Debian GNU/Linux 12 (bookworm)", "6.1.0-28-amd64", "containerd://1.7.18"]);
    expect(headers("Node", true)).toEqual(["NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]);
  });
});

describe("workload tables", () => {
  it("deployment: READY UP-TO-DATE AVAILABLE and the wide selector", () => {
    const d = make.object("Deployment", "apps/v1", "web", {
      spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: { spec: { containers: [{ name: "nginx", image: "nginx:1.25" }, { name: "log", image: "busybox" }] } } },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    });
    expect(row(d)).toEqual(["web", "2/3", 3, 2, "3h5m", "nginx,log", "nginx:1.25,busybox", "app=web"]);
  });

  it("job: STATUS COMPLETIONS DURATION", () => {
    const running = make.object("Job", "batch/v1", "pi", { spec: { completions: 3, template: { spec: { containers: [] } } }, status: { succeeded: 1, startTime: at(0) } });
    expect(row(running).slice(0, 5)).toEqual(["pi", "Running", "1/3", "3h5m", "3h5m"]);
    const done = make.object("Job", "batch/v1", "pi", {
      spec: { template: { spec: { containers: [] } } },
      status: { succeeded: 1, startTime: at(0), completionTime: at(125_000), conditions: [{ type: "Complete", status: "True" }] },
    });
    expect(row(done).slice(0, 4)).toEqual(["pi", "Complete", "1/1", "2m5s"]);
    const parallel = make.object("Job", "batch/v1", "q", { spec: { parallelism: 3, template: { spec: { containers: [] } } }, status: { conditions: [{ type: "Failed", status: "True" }] } });
    expect(row(parallel).slice(0, 4)).toEqual(["q", "Failed", "0/1 of 3", ""]);
  });

  it("cronjob: schedule, timezone, suspend, active, last schedule", () => {
    const cj = make.object("CronJob", "batch/v1", "hello", { spec: { schedule: "*/1 * * * *", jobTemplate: { spec: { template: { spec: { containers: [] } } } } }, status: { active: [{ name: "hello-1" }], lastScheduleTime: at(3 * 3600_000 + 4 * 60_000) } });
    expect(row(cj).slice(0, 7)).toEqual(["hello", "*/1 * * * *", "<none>", "False", 1, "60s", "3h5m"]);
    expect(headers("CronJob")).toEqual(["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"]);
  });

  it("daemonset and statefulset", () => {
    const ds = make.object("DaemonSet", "apps/v1", "fluentd", { spec: { selector: { matchLabels: { a: "b" } }, template: { spec: { nodeSelector: { disk: "ssd" }, containers: [] } } }, status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 } });
    expect(row(ds).slice(0, 8)).toEqual(["fluentd", 3, 3, 2, 3, 2, "disk=ssd", "3h5m"]);
    const sts = make.object("StatefulSet", "apps/v1", "web", { spec: { replicas: 2, template: { spec: { containers: [] } } }, status: { readyReplicas: 1 } });
    expect(row(sts).slice(0, 3)).toEqual(["web", "1/2", "3h5m"]);
  });
});

describe("network tables", () => {
  it("service: cluster IP, external IP and ports like 80:30080/TCP", () => {
    const svc = make.object("Service", "v1", "web", { spec: { type: "NodePort", clusterIP: "10.96.12.5", clusterIPs: ["10.96.12.5"], ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }, { port: 443, protocol: "TCP" }], selector: { app: "web" } } });
    expect(row(svc)).toEqual(["web", "NodePort", "10.96.12.5", "<none>", "80:30080/TCP,443/TCP", "3h5m", "app=web"]);
    const lb = make.object("Service", "v1", "lb", { spec: { type: "LoadBalancer", clusterIPs: ["10.96.0.9"], ports: [{ port: 80 }] } });
    expect(row(lb).slice(1, 5)).toEqual(["LoadBalancer", "10.96.0.9", "<pending>", "80/TCP"]);
    const headless = make.object("Service", "v1", "db", { spec: { clusterIP: "None", clusterIPs: ["None"] } });
    expect(row(headless).slice(1, 5)).toEqual(["ClusterIP", "None", "<none>", "<none>"]);
  });

  it("endpoints: up to three addresses, then + N more...", () => {
    const ep = make.object("Endpoints", "v1", "web", {
      subsets: [{ addresses: ["10.244.1.2", "10.244.2.3", "10.244.3.4", "10.244.1.9"].map((ip) => ({ ip })), ports: [{ port: 80, protocol: "TCP" }] }],
    });
    expect(row(ep)).toEqual(["web", "10.244.1.2:80,10.244.2.3:80,10.244.3.4:80 + 1 more...", "3h5m"]);
    expect(row(make.object("Endpoints", "v1", "none", {}))[1]).toBe("<none>");
  });

  it("ingress: class, hosts, ports", () => {
    const ing = make.object("Ingress", "networking.k8s.io/v1", "web", { spec: { ingressClassName: "nginx", rules: [{ host: "foo.bar.com" }], tls: [{ hosts: ["foo.bar.com"] }] } });
    expect(row(ing)).toEqual(["web", "nginx", "foo.bar.com", "", "80, 443", "3h5m"]);
  });
});

describe("core and storage tables", () => {
  it("configmap DATA, secret TYPE DATA, serviceaccount SECRETS, namespace STATUS", () => {
    expect(row(make.object("ConfigMap", "v1", "cfg", { data: { a: "1", b: "2" }, binaryData: { c: "AA==" } }))).toEqual(["cfg", 3, "3h5m"]);
    expect(row(make.object("Secret", "v1", "s", { type: "kubernetes.io/tls", data: { "tls.crt": "", "tls.key": "" } }))).toEqual(["s", "kubernetes.io/tls", 2, "3h5m"]);
    expect(row(make.object("ServiceAccount", "v1", "default", {}))).toEqual(["default", 0, "3h5m"]);
    expect(row(make.object("Namespace", "v1", "dev", { status: { phase: "Active" } }, undefined))).toEqual(["dev", "Active", "3h5m"]);
  });

  it("event: LAST SEEN TYPE REASON OBJECT MESSAGE with counts", () => {
    const e = make.object("Event", "v1", "web.1", {
      involvedObject: { kind: "Pod", name: "web", namespace: "default" },
      reason: "BackOff",
      type: "Warning",
      message: "Back-off restarting failed container\n",
      source: { component: "kubelet", host: "node-1" },
      firstTimestamp: at(0),
      lastTimestamp: at(3 * 3600_000 + 4 * 60_000),
      count: 7,
    });
    expect(row(e)).toEqual(["60s", "Warning", "BackOff", "pod/web", "", "kubelet, node-1", "Back-off restarting failed container", "3h5m", 7, "web.1"]);
  });

  it("pv and pvc with access modes and storage classes", () => {
    const pv = make.object("PersistentVolume", "v1", "pv0", { spec: { capacity: { storage: "10Gi" }, accessModes: ["ReadWriteOnce", "ReadOnlyMany"], claimRef: { namespace: "default", name: "data" }, storageClassName: "manual" }, status: { phase: "Bound" } }, undefined);
    expect(row(pv)).toEqual(["pv0", "10Gi", "RWO,ROX", "Retain", "Bound", "default/data", "manual", "<unset>", "", "3h5m", "Filesystem"]);
    const pvc = make.object("PersistentVolumeClaim", "v1", "data", { spec: { volumeName: "pv0", storageClassName: "manual", resources: { requests: { storage: "5Gi" } } }, status: { phase: "Bound", capacity: { storage: "10Gi" }, accessModes: ["ReadWriteOnce"] } });
    expect(row(pvc)).toEqual(["data", "Bound", "pv0", "10Gi", "RWO", "manual", "<unset>", "3h5m", "Filesystem"]);
    const pending = make.object("PersistentVolumeClaim", "v1", "p", { spec: { resources: { requests: { storage: "1Gi" } } } });
    expect(row(pending).slice(0, 5)).toEqual(["p", "Pending", "", "", ""]);
  });

  it("storageclass marks the default class", () => {
    const sc = make.object("StorageClass", "storage.k8s.io/v1", "standard", { metadata: { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } }, provisioner: "rancher.io/local-path", volumeBindingMode: "WaitForFirstConsumer" }, undefined);
    expect(row(sc)).toEqual(["standard (default)", "rancher.io/local-path", "Delete", "WaitForFirstConsumer", false, "3h5m"]);
  });

  it("kinds without a printer get NAME and CREATED AT", () => {
    expect(headers("LimitRange")).toEqual(["NAME", "CREATED AT"]);
    expect(row(make.object("LimitRange", "v1", "limits", {}))).toEqual(["limits", "2025-01-01T00:00:00Z"]);
  });

  it("hpa targets", () => {
    const hpa = make.object("HorizontalPodAutoscaler", "autoscaling/v2", "web", {
      spec: { scaleTargetRef: { kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } }] },
      status: { currentReplicas: 1, currentMetrics: [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 20 } } }] },
    });
    expect(row(hpa)).toEqual(["web", "Deployment/web", "cpu: 20%/50%", "1", 10, 1, "3h5m"]);
  });
});
