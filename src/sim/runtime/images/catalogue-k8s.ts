/**
 * Catalogue: the images of a kubeadm cluster's own components (control plane, kube-proxy, CoreDNS).
 * Like the real registry they have no `latest` tag: SAMPLE_TAGS names one that exists.
 */
import type { ImageDef } from "./types";

/** A control-plane binary in a distroless image, run by its static pod's `command`. */
function component(name: string, sizeBytes: number, tags: string[], summary: string): ImageDef {
  return {
    repository: `registry.k8s.io/${name}`,
    aliases: [`k8s.gcr.io/${name}`],
    tags,
    sizeBytes,
    base: "scratch",
    entrypoint: [`/usr/local/bin/${name}`],
    files: { [`/usr/local/bin/${name}`]: { program: "k8s-component", mode: 0o755 } },
    versions: [{ tag: ".*", version: "$&" }],
    summary,
  };
}

/** A tag each of these images has, for tests that start every image. */
export const SAMPLE_TAGS: Record<string, string> = {
  "registry.k8s.io/etcd": "3.5.15-0",
  "registry.k8s.io/kube-apiserver": "v1.31.0",
  "registry.k8s.io/kube-controller-manager": "v1.31.0",
  "registry.k8s.io/kube-scheduler": "v1.31.0",
  "registry.k8s.io/kube-proxy": "v1.31.0",
  "registry.k8s.io/coredns/coredns": "v1.11.1",
};

export const K8S_IMAGES: ImageDef[] = [
  {
    repository: "registry.k8s.io/etcd",
    aliases: ["k8s.gcr.io/etcd"],
    tags: ["3\\.\\d+\\.\\d+-\\d+"],
    sizeBytes: 56_909_194,
    base: "scratch",
    cmd: ["/usr/local/bin/etcd"],
    files: { "/usr/local/bin/etcd": { program: "k8s-component", mode: 0o755 }, "/usr/local/bin/etcdctl": { program: "k8s-component", mode: 0o755 } },
    versions: [{ tag: ".*", version: "$&" }],
    summary: "etcd: client 2379, peer 2380, metrics and health (/livez, /readyz, /health) on 127.0.0.1:2381",
  },
  component("kube-apiserver", 28_047_142, ["v1\\.\\d+\\.\\d+"], "kube-apiserver: HTTPS 6443 with /livez, /readyz, /healthz"),
  component("kube-controller-manager", 26_221_554, ["v1\\.\\d+\\.\\d+"], "kube-controller-manager: HTTPS 10257 with /healthz"),
  component("kube-scheduler", 20_638_870, ["v1\\.\\d+\\.\\d+"], "kube-scheduler: HTTPS 10259 with /healthz"),
  {
    repository: "registry.k8s.io/kube-proxy",
    aliases: ["k8s.gcr.io/kube-proxy"],
    tags: ["v1\\.\\d+\\.\\d+"],
    sizeBytes: 30_208_374,
    base: "debian",
    entrypoint: ["/usr/local/bin/kube-proxy"],
    files: { "/usr/local/bin/kube-proxy": { program: "k8s-component", mode: 0o755 } },
    versions: [{ tag: ".*", version: "$&" }],
    summary: "kube-proxy: metrics on 127.0.0.1:10249, health on 10256",
  },
  {
    repository: "registry.k8s.io/coredns/coredns",
    aliases: ["k8s.gcr.io/coredns/coredns", "docker.io/coredns/coredns"],
    tags: ["v?1\\.\\d+\\.\\d+"],
    sizeBytes: 18_182_961,
    base: "scratch",
    entrypoint: ["/coredns"],
    exposedPorts: [53, 9153],
    files: { "/coredns": { program: "k8s-component", mode: 0o755 } },
    versions: [{ tag: "v?(.*)", version: "$&" }],
    summary: "CoreDNS: DNS on 53, /health on 8080, /ready on 8181, metrics on 9153",
  },
];
