import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types";
import { quietCluster, type TestCluster } from "../verbs/read-test-cluster";

/** A pod with an init container, probes, env of every kind, mounts, volumes and tolerations, as a kubelet would report it. */
function setUpPod(t: TestCluster): KObject {
  t.create({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "web",
      namespace: "default",
      labels: { app: "web", tier: "front" },
      annotations: { "example.com/note": "hello" },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-7d4b9c", uid: "u1", controller: true }],
    },
    spec: {
      nodeName: "node-1",
      initContainers: [{ name: "init-myservice", image: "busybox:1.28", command: ["sh", "-c", "until nslookup myservice; do echo waiting; sleep 2; done"] }],
      containers: [
        {
          name: "nginx",
          image: "nginx:1.25",
          ports: [{ containerPort: 80, protocol: "TCP" }],
          env: [
            { name: "MODE", value: "prod" },
            { name: "POD_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
            { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
            { name: "LEVEL", valueFrom: { configMapKeyRef: { name: "cfg", key: "level", optional: true } } },
            { name: "CPU", valueFrom: { resourceFieldRef: { resource: "limits.cpu" } } },
          ],
          envFrom: [{ configMapRef: { name: "cfg" } }],
          resources: { limits: { cpu: "500m", memory: "128Mi" }, requests: { cpu: "250m", memory: "64Mi" } },
          livenessProbe: { httpGet: { path: "/healthz", port: 8080 }, initialDelaySeconds: 3, periodSeconds: 3 },
          readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
          volumeMounts: [
            { name: "cache", mountPath: "/cache" },
            { name: "config", mountPath: "/etc/config", readOnly: true },
            { name: "data", mountPath: "/data", subPath: "web" },
          ],
        },
      ],
      volumes: [
        { name: "cache", emptyDir: {} },
        { name: "config", configMap: { name: "cfg" } },
        { name: "data", persistentVolumeClaim: { claimName: "data" } },
        { name: "secret", secret: { secretName: "db" } },
        { name: "host", hostPath: { path: "/var/log", type: "Directory" } },
      ],
      nodeSelector: { disktype: "ssd" },
      tolerations: [
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ],
    },
  });
  return t.setStatus("Pod", "default", "web", {
    phase: "Running",
    hostIP: "172.18.0.3",
    podIP: "10.244.1.5",
    podIPs: [{ ip: "10.244.1.5" }],
    startTime: "2025-01-01T00:00:01Z",
    conditions: ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"].map((type) => ({ type, status: "True" })),
    initContainerStatuses: [
      {
        name: "init-myservice",
        image: "busybox:1.28",
        imageID: "docker.io/library/busybox@sha256:abc",
        containerID: "containerd://111",
        ready: true,
        restartCount: 0,
        state: { terminated: { exitCode: 0, reason: "Completed", startedAt: "2025-01-01T00:00:02Z", finishedAt: "2025-01-01T00:00:05Z" } },
      },
    ],
    containerStatuses: [
      {
        name: "nginx",
        image: "nginx:1.25",
        imageID: "docker.io/library/nginx@sha256:def",
        containerID: "containerd://222",
        ready: true,
        restartCount: 2,
        started: true,
        state: { running: { startedAt: "2025-01-01T00:01:00Z" } },
        lastState: { terminated: { exitCode: 137, reason: "Error", startedAt: "2025-01-01T00:00:30Z", finishedAt: "2025-01-01T00:00:59Z" } },
      },
    ],
  });
}

async function withEvents(t: TestCluster, pod: KObject): Promise<void> {
  t.cluster.events.record(pod, "Normal", "Scheduled", "Successfully assigned default/web to node-1", { component: "default-scheduler" });
  await t.advance(10_000);
  for (let i = 0; i < 3; i++) {
    t.cluster.events.record(pod, "Warning", "Unhealthy", "Liveness probe failed: HTTP probe failed with statuscode: 500", { component: "kubelet", host: "node-1" });
    await t.advance(20_000);
  }
  await t.advance(16_000);
}

describe("kubectl describe pod", () => {
  it("lays the pod out as kubectl does, with aggregated events", async () => {
    const t = quietCluster();
    await withEvents(t, setUpPod(t));
    const r = await t.kubectl("describe pod web");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
      "Name:             web",
      "Namespace:        default",
      "Priority:         0",
      "Service Account:  default",
      "Node:             node-1/172.18.0.3",
      "Start Time:       Wed, 01 Jan 2025 00:00:01 +0000",
      "Labels:           app=web",
      "                  tier=front",
      "Annotations:      example.com/note: hello",
      "Status:           Running",
      "IP:               10.244.1.5",
      "IPs:",
      "  IP:           10.244.1.5",
      "Controlled By:  ReplicaSet/web-7d4b9c",
      "Init Containers:",
      "  init-myservice:",
      "    Container ID:  containerd://111",
      "    Image:         busybox:1.28",
      "    Image ID:      docker.io/library/busybox@sha256:abc",
      "    Port:          <none>",
      "    Host Port:     <none>",
      "    Command:",
      "      sh",
      "      -c",
      "      until nslookup myservice; do echo waiting; sleep 2; done",
      "    State:          Terminated",
      "      Reason:       Completed",
      "      Exit Code:    0",
      "      Started:      Wed, 01 Jan 2025 00:00:02 +0000",
      "      Finished:     Wed, 01 Jan 2025 00:00:05 +0000",
      "    Ready:          True",
      "    Restart Count:  0",
      "    Environment:    <none>",
      "    Mounts:         <none>",
      "Containers:",
      "  nginx:",
      "    Container ID:   containerd://222",
      "    Image:          nginx:1.25",
      "    Image ID:       docker.io/library/nginx@sha256:def",
      "    Port:           80/TCP",
      "    Host Port:      0/TCP",
      "    State:          Running",
      "      Started:      Wed, 01 Jan 2025 00:01:00 +0000",
      "    Last State:     Terminated",
      "      Reason:       Error",
      "      Exit Code:    137",
      "      Started:      Wed, 01 Jan 2025 00:00:30 +0000",
      "      Finished:     Wed, 01 Jan 2025 00:00:59 +0000",
      "    Ready:          True",
      "    Restart Count:  2",
      "    Limits:",
      "      cpu:     500m",
      "      memory:  128Mi",
      "    Requests:",
      "      cpu:      250m",
      "      memory:   64Mi",
      "    Liveness:   http-get http://:8080/healthz delay=3s timeout=1s period=3s #success=1 #failure=3",
      "    Readiness:  tcp-socket :80 delay=0s timeout=1s period=5s #success=1 #failure=3",
      "    Environment Variables from:",
      "      cfg  ConfigMap  Optional: false",
      "    Environment:",
      "      MODE:      prod",
      "      POD_NAME:  web (v1:metadata.name)",
      "      PASSWORD:  <set to the key 'password' in secret 'db'>    Optional: false",
      "      LEVEL:     <set to the key 'level' of config map 'cfg'>  Optional: true",
      "      CPU:       1 (limits.cpu)",
      "    Mounts:",
      "      /cache from cache (rw)",
      "      /data from data (rw,path=\"web\")",
      "      /etc/config from config (ro)",
      "Conditions:",
      "  Type                        Status",
      "  PodReadyToStartContainers   True ",
      "  Initialized                 True ",
      "  Ready                       True ",
      "  ContainersReady             True ",
      "  PodScheduled                True ",
      "Volumes:",
      "  cache:",
      "    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)",
      "    Medium:     ",
      "    SizeLimit:  <unset>",
      "  config:",
      "    Type:      ConfigMap (a volume populated by a ConfigMap)",
      "    Name:      cfg",
      "    Optional:  false",
      "  data:",
      "    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)",
      "    ClaimName:  data",
      "    ReadOnly:   false",
      "  secret:",
      "    Type:        Secret (a volume populated by a Secret)",
      "    SecretName:  db",
      "    Optional:    false",
      "  host:",
      "    Type:          HostPath (bare host directory volume)",
      "    Path:          /var/log",
      "    HostPathType:  Directory",
      "QoS Class:         Burstable",
      "Node-Selectors:    disktype=ssd",
      "Tolerations:       node.kubernetes.io/not-ready:NoExecute op=Exists for 300s",
      "                   node.kubernetes.io/unreachable:NoExecute op=Exists for 300s",
      "Events:",
      "  Type     Reason     Age                From               Message",
      "  ----     ------     ----               ----               -------",
      "  Normal   Scheduled  86s                default-scheduler  Successfully assigned default/web to node-1",
      "  Warning  Unhealthy  36s (x3 over 76s)  kubelet            Liveness probe failed: HTTP probe failed with statuscode: 500",
      ].join("\n") + "\n",
    );
  });

  it("describes a pending pod with <none> everywhere and no events", async () => {
    const t = quietCluster();
    t.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default" }, spec: { containers: [{ name: "c", image: "busybox", command: ["sleep", "3600"] }] } });
    t.setStatus("Pod", "default", "p", { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message: "0/4 nodes are available" }] });
    const r = await t.kubectl("describe pod p");
    expect(r.stdout).toBe(
      [
        "Name:             p",
        "Namespace:        default",
        "Priority:         0",
        "Service Account:  default",
        "Node:             <none>",
        "Labels:           <none>",
        "Annotations:      <none>",
        "Status:           Pending",
        "IP:               ",
        "IPs:              <none>",
        "Containers:",
        "  c:",
        "    Image:      busybox",
        "    Port:       <none>",
        "    Host Port:  <none>",
        "    Command:",
        "      sleep",
        "      3600",
        "    Environment:  <none>",
        "    Mounts:       <none>",
        "Conditions:",
        "  Type           Status",
        "  PodScheduled   False ",
        "Volumes:         <none>",
        "QoS Class:       BestEffort",
        "Node-Selectors:  <none>",
        "Tolerations:     <none>",
        "Events:          <none>",
      ].join("\n") + "\n",
    );
  });

  it("falls back to a name prefix, and says so when nothing matches", async () => {
    const t = quietCluster();
    await withEvents(t, setUpPod(t));
    const r = await t.kubectl("describe pods we --show-events=false");
    expect(r.stdout.startsWith("Name:             web\n")).toBe(true);
    expect(r.stdout).not.toContain("Events:");
    const none = await t.kubectl("describe pod nothing");
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toBe('Error from server (NotFound): pods "nothing" not found\n');
  });
});

describe("kubectl describe node", () => {
  it("lists the node's non-terminated pods and their share of its allocatable resources", async () => {
    const t = quietCluster();
    await withEvents(t, setUpPod(t));
    const r = await t.kubectl("describe node node-1");
    const out = r.stdout;
    expect(out).toContain("Name:               node-1\nRoles:              <none>\nLabels:             beta.kubernetes.io/arch=amd64\n");
    expect(out).toContain("Taints:             <none>\nUnschedulable:      false\n");
    expect(out).toContain("Conditions:\n  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message\n");
    expect(out).toContain("Addresses:\n  InternalIP:  172.18.0.3\n  Hostname:    node-1\n");
    expect(out).toContain("Capacity:\n  cpu:                4\n  ephemeral-storage:  100Gi\n  hugepages-1Gi:      0\n  hugepages-2Mi:      0\n  memory:             8Gi\n  pods:               110\n");
    expect(out).toContain(
      [
        "PodCIDR:                      10.244.1.0/24",
        "PodCIDRs:                     10.244.1.0/24",
        "Non-terminated Pods:          (1 in total)",
        "  Namespace                   Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age",
        "  ---------                   ----    ------------  ----------  ---------------  -------------  ---",
        "  default                     web     250m (6%)     500m (12%)  64Mi (0%)        128Mi (1%)     86s",
        "Allocated resources:",
        "  (Total limits may be over 100 percent, i.e., overcommitted.)",
        "  Resource           Requests   Limits",
        "  --------           --------   ------",
        "  cpu                250m (6%)  500m (12%)",
        "  memory             64Mi (0%)  128Mi (1%)",
        "  ephemeral-storage  0 (0%)     0 (0%)",
        "  hugepages-1Gi      0 (0%)     0 (0%)",
        "  hugepages-2Mi      0 (0%)     0 (0%)",
        "Events:              <none>",
      ].join("\n") + "\n",
    );
  });

  it("shows taints, a cordoned node and the node's events", async () => {
    const t = quietCluster();
    const node = t.cluster.api.mutate("Node", undefined, "control-plane", { actor: "kubectl" }, (n: KObject) => {
      n.spec.unschedulable = true;
    });
    t.cluster.events.record(node, "Normal", "NodeNotSchedulable", "Node control-plane status is now: NodeNotSchedulable", { component: "kubelet", host: "control-plane" });
    await t.advance(5_000);
    const out = (await t.kubectl("describe node control-plane")).stdout;
    expect(out).toContain("Roles:              control-plane\n");
    expect(out).toContain("Taints:             node-role.kubernetes.io/control-plane:NoSchedule\nUnschedulable:      true\n");
    expect(out).toContain("Events:\n  Type    Reason              Age   From     Message\n  ----    ------              ----  ----     -------\n  Normal  NodeNotSchedulable  5s    kubelet  Node control-plane status is now: NodeNotSchedulable\n");
  });
});
