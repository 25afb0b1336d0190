/**
 * The kube-system add-ons kubeadm installs (cmd/kubeadm/app/phases/addons, v1.31): kube-proxy as a
 * DaemonSet on every node (it tolerates every taint) with its ConfigMap and ServiceAccount, and
 * CoreDNS as a Deployment of two replicas with its Corefile, ServiceAccount and the kube-dns Service
 * on 10.96.0.10. Also the ComponentStatus rows `kubectl get componentstatuses` lists.
 */
import type { KObject } from "../api/types";
import { KUBERNETES_VERSION } from "../cluster";

export const COREDNS_IMAGE = "registry.k8s.io/coredns/coredns:v1.11.1";
export const KUBE_DNS_IP = "10.96.0.10";

const KUBE_PROXY_CONFIG = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
clientConnection:
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
clusterCIDR: 10.244.0.0/16
healthzBindAddress: ""
kind: KubeProxyConfiguration
metricsBindAddress: ""
mode: iptables`;

const KUBE_PROXY_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: https://control-plane:6443
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`;

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

/** kube-proxy: ServiceAccount, ConfigMap, DaemonSet. */
export function kubeProxyObjects(): KObject[] {
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "kube-proxy", namespace: "kube-system" } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kube-proxy", namespace: "kube-system", labels: { app: "kube-proxy" } }, data: { "config.conf": KUBE_PROXY_CONFIG, "kubeconfig.conf": KUBE_PROXY_KUBECONFIG } },
    {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "kube-proxy", namespace: "kube-system", labels: { "k8s-app": "kube-proxy" } },
      spec: {
        selector: { matchLabels: { "k8s-app": "kube-proxy" } },
        updateStrategy: { type: "RollingUpdate" },
        template: {
          metadata: { labels: { "k8s-app": "kube-proxy" } },
          spec: {
            priorityClassName: "system-node-critical",
            containers: [
              {
                name: "kube-proxy",
                image: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
                imagePullPolicy: "IfNotPresent",
                command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
                securityContext: { privileged: true },
                volumeMounts: [
                  { mountPath: "/var/lib/kube-proxy", name: "kube-proxy" },
                  { mountPath: "/run/xtables.lock", name: "xtables-lock" },
                  { mountPath: "/lib/modules", name: "lib-modules", readOnly: true },
                ],
                env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
              },
            ],
            hostNetwork: true,
            serviceAccountName: "kube-proxy",
            volumes: [
              { name: "kube-proxy", configMap: { name: "kube-proxy" } },
              { name: "xtables-lock", hostPath: { path: "/run/xtables.lock", type: "FileOrCreate" } },
              { name: "lib-modules", hostPath: { path: "/lib/modules" } },
            ],
            tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }, { operator: "Exists" }],
            nodeSelector: { "kubernetes.io/os": "linux" },
          },
        },
      },
    },
  ];
}

/** CoreDNS: ServiceAccount, ConfigMap, Deployment, and the kube-dns Service. */
export function coreDnsObjects(): KObject[] {
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "coredns", namespace: "kube-system" } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "coredns", namespace: "kube-system" }, data: { Corefile: COREFILE } },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "coredns", namespace: "kube-system", labels: { "k8s-app": "kube-dns" } },
      spec: {
        replicas: 2,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
        selector: { matchLabels: { "k8s-app": "kube-dns" } },
        template: {
          metadata: { labels: { "k8s-app": "kube-dns" } },
          spec: {
            priorityClassName: "system-cluster-critical",
            serviceAccountName: "coredns",
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  { weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: "k8s-app", operator: "In", values: ["kube-dns"] }] }, topologyKey: "kubernetes.io/hostname" } },
                ],
              },
            },
            tolerations: [
              { key: "CriticalAddonsOnly", operator: "Exists" },
              { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
            ],
            nodeSelector: { "kubernetes.io/os": "linux" },
            containers: [
              {
                name: "coredns",
                image: COREDNS_IMAGE,
                imagePullPolicy: "IfNotPresent",
                resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
                args: ["-conf", "/etc/coredns/Corefile"],
                volumeMounts: [{ name: "config-volume", mountPath: "/etc/coredns", readOnly: true }],
                ports: [
                  { containerPort: 53, name: "dns", protocol: "UDP" },
                  { containerPort: 53, name: "dns-tcp", protocol: "TCP" },
                  { containerPort: 9153, name: "metrics", protocol: "TCP" },
                ],
                livenessProbe: { httpGet: { path: "/health", port: 8080, scheme: "HTTP" }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
                readinessProbe: { httpGet: { path: "/ready", port: 8181, scheme: "HTTP" } },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] }, readOnlyRootFilesystem: true },
              },
            ],
            dnsPolicy: "Default",
            volumes: [{ name: "config-volume", configMap: { name: "coredns", items: [{ key: "Corefile", path: "Corefile" }] } }],
          },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: "kube-dns",
        namespace: "kube-system",
        labels: { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" },
        annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
      },
      spec: {
        clusterIP: KUBE_DNS_IP,
        ports: [
          { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
          { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
          { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
        ],
        selector: { "k8s-app": "kube-dns" },
      },
    },
  ];
}

/** The rows the (deprecated) componentstatuses API answers with on a healthy v1.31 control plane. */
export function componentStatuses(): KObject[] {
  return ["scheduler", "controller-manager", "etcd-0"].map((name) => ({
    apiVersion: "v1",
    kind: "ComponentStatus",
    metadata: { name },
    conditions: [{ type: "Healthy", status: "True", message: "ok" }],
  }));
}
