/**
 * The control plane's static pod manifests as kubeadm (v1.31, as kind runs it) writes them to
 * /etc/kubernetes/manifests on the control-plane node: etcd, kube-apiserver, kube-controller-manager
 * and kube-scheduler, with their images, flags, requests, probes and host paths. The kubelet runs
 * them and publishes their mirror pods (`etcd-control-plane`, ...).
 */
import type { Container, Pod, Probe, Volume, VolumeMount } from "kubernetes-types/core/v1";
import { KUBERNETES_VERSION } from "../cluster";

export const ETCD_IMAGE = "registry.k8s.io/etcd:3.5.15-0";

function probe(path: string, port: number, scheme: "HTTP" | "HTTPS", host: string, kind: "liveness" | "readiness" | "startup"): Probe {
  const base = { httpGet: { host, path, port, scheme } };
  if (kind === "readiness") return { ...base, failureThreshold: 3, periodSeconds: 1, timeoutSeconds: 15 };
  return { ...base, failureThreshold: kind === "startup" ? 24 : 8, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 15 };
}

function hostPath(name: string, path: string, type: string, mountPath = path, readOnly = false): { volume: Volume; mount: VolumeMount } {
  return { volume: { name, hostPath: { path, type } }, mount: { name, mountPath, ...(readOnly ? { readOnly: true } : {}) } };
}

function staticPod(component: string, container: Container, volumes: { volume: Volume; mount: VolumeMount }[], annotations?: Record<string, string>): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: component, namespace: "kube-system", labels: { component, tier: "control-plane" }, ...(annotations ? { annotations } : {}) },
    spec: {
      containers: [{ ...container, imagePullPolicy: "IfNotPresent", volumeMounts: volumes.map((v) => v.mount) }],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: "system-node-critical",
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      volumes: volumes.map((v) => v.volume),
    },
  };
}

const K8S_CERTS = [
  hostPath("ca-certs", "/etc/ssl/certs", "DirectoryOrCreate", "/etc/ssl/certs", true),
  hostPath("etc-ca-certificates", "/etc/ca-certificates", "DirectoryOrCreate", "/etc/ca-certificates", true),
  hostPath("k8s-certs", "/etc/kubernetes/pki", "DirectoryOrCreate", "/etc/kubernetes/pki", true),
];

/** The four static pods of a control-plane node named `node` with InternalIP `ip`. */
export function controlPlaneManifests(node: string, ip: string): Pod[] {
  const etcd = staticPod(
    "etcd",
    {
      name: "etcd",
      image: ETCD_IMAGE,
      command: [
        "etcd",
        `--advertise-client-urls=https://${ip}:2379`,
        "--cert-file=/etc/kubernetes/pki/etcd/server.crt",
        "--client-cert-auth=true",
        "--data-dir=/var/lib/etcd",
        "--experimental-initial-corrupt-check=true",
        "--experimental-watch-progress-notify-interval=5s",
        `--initial-advertise-peer-urls=https://${ip}:2380`,
        `--initial-cluster=${node}=https://${ip}:2380`,
        "--key-file=/etc/kubernetes/pki/etcd/server.key",
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        "--listen-metrics-urls=http://127.0.0.1:2381",
        `--listen-peer-urls=https://${ip}:2380`,
        `--name=${node}`,
        "--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt",
        "--peer-client-cert-auth=true",
        "--peer-key-file=/etc/kubernetes/pki/etcd/peer.key",
        "--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
        "--snapshot-count=10000",
        "--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
      ],
      livenessProbe: probe("/livez", 2381, "HTTP", "127.0.0.1", "liveness"),
      readinessProbe: probe("/readyz", 2381, "HTTP", "127.0.0.1", "readiness"),
      startupProbe: probe("/readyz", 2381, "HTTP", "127.0.0.1", "startup"),
      resources: { requests: { cpu: "100m", memory: "100Mi" } },
    },
    [hostPath("etcd-data", "/var/lib/etcd", "DirectoryOrCreate"), hostPath("etcd-certs", "/etc/kubernetes/pki/etcd", "DirectoryOrCreate")],
    { "kubeadm.kubernetes.io/etcd.advertise-client-urls": `https://${ip}:2379` },
  );
  const apiserver = staticPod(
    "kube-apiserver",
    {
      name: "kube-apiserver",
      image: `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
      command: [
        "kube-apiserver",
        `--advertise-address=${ip}`,
        "--allow-privileged=true",
        "--authorization-mode=Node,RBAC",
        "--client-ca-file=/etc/kubernetes/pki/ca.crt",
        "--enable-admission-plugins=NodeRestriction",
        "--enable-bootstrap-token-auth=true",
        "--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt",
        "--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt",
        "--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key",
        "--etcd-servers=https://127.0.0.1:2379",
        "--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt",
        "--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key",
        "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
        "--runtime-config=",
        "--secure-port=6443",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=/etc/kubernetes/pki/sa.pub",
        "--service-account-signing-key-file=/etc/kubernetes/pki/sa.key",
        "--service-cluster-ip-range=10.96.0.0/16",
        "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt",
        "--tls-private-key-file=/etc/kubernetes/pki/apiserver.key",
      ],
      livenessProbe: probe("/livez", 6443, "HTTPS", ip, "liveness"),
      readinessProbe: probe("/readyz", 6443, "HTTPS", ip, "readiness"),
      startupProbe: probe("/livez", 6443, "HTTPS", ip, "startup"),
      resources: { requests: { cpu: "250m" } },
    },
    K8S_CERTS,
    { "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": `${ip}:6443` },
  );
  const controllerManager = staticPod(
    "kube-controller-manager",
    {
      name: "kube-controller-manager",
      image: `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
      command: [
        "kube-controller-manager",
        "--allocate-node-cidrs=true",
        "--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf",
        "--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf",
        "--bind-address=127.0.0.1",
        "--client-ca-file=/etc/kubernetes/pki/ca.crt",
        `--cluster-cidr=10.244.0.0/16`,
        "--cluster-name=kind",
        "--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt",
        "--cluster-signing-key-file=/etc/kubernetes/pki/ca.key",
        "--controllers=*,bootstrapsigner,tokencleaner",
        "--enable-hostpath-provisioner=true",
        "--kubeconfig=/etc/kubernetes/controller-manager.conf",
        "--leader-elect=true",
        "--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt",
        "--root-ca-file=/etc/kubernetes/pki/ca.crt",
        "--service-account-private-key-file=/etc/kubernetes/pki/sa.key",
        "--service-cluster-ip-range=10.96.0.0/16",
        "--use-service-account-credentials=true",
      ],
      livenessProbe: probe("/healthz", 10257, "HTTPS", "127.0.0.1", "liveness"),
      startupProbe: probe("/healthz", 10257, "HTTPS", "127.0.0.1", "startup"),
      resources: { requests: { cpu: "200m" } },
    },
    [...K8S_CERTS, hostPath("flexvolume-dir", "/usr/libexec/kubernetes/kubelet-plugins/volume/exec", "DirectoryOrCreate"), hostPath("kubeconfig", "/etc/kubernetes/controller-manager.conf", "FileOrCreate", "/etc/kubernetes/controller-manager.conf", true)],
  );
  const scheduler = staticPod(
    "kube-scheduler",
    {
      name: "kube-scheduler",
      image: `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
      command: [
        "kube-scheduler",
        "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf",
        "--authorization-kubeconfig=/etc/kubernetes/scheduler.conf",
        "--bind-address=127.0.0.1",
        "--kubeconfig=/etc/kubernetes/scheduler.conf",
        "--leader-elect=true",
      ],
      livenessProbe: probe("/healthz", 10259, "HTTPS", "127.0.0.1", "liveness"),
      startupProbe: probe("/healthz", 10259, "HTTPS", "127.0.0.1", "startup"),
      resources: { requests: { cpu: "100m" } },
    },
    [hostPath("kubeconfig", "/etc/kubernetes/scheduler.conf", "FileOrCreate", "/etc/kubernetes/scheduler.conf", true)],
  );
  return [etcd, apiserver, controllerManager, scheduler];
}
