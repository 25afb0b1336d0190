/**
 * The cluster's own components as programs: etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler, kube-proxy and CoreDNS. Each says what it says on start, listens on its ports and
 * answers its health endpoints ("ok"), which is what the kubelet probes; the work they do lives in
 * the simulation's own components, not here.
 */
import type { HttpRequest, HttpResponse } from "../../network/types";
import { RUNTIME_DATA } from "../data";
import type { Program, ProgramContext } from "./program";
import { klog, pathOf } from "./support";

interface Spec {
  /** Ports and the address they listen on; `health` paths answer "ok". */
  ports: { port: number; address?: string; protocol?: "TCP" | "UDP"; health?: string[]; body?: string }[];
  memoryBytes: number;
  start(ctx: ProgramContext): void;
}

const ok = (body = "ok") => (req: HttpRequest): HttpResponse => ({ status: 200, headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" }, body: pathOf(req.path) === "/metrics" ? "# HELP up\n" : body });

function flag(ctx: ProgramContext, name: string): string | undefined {
  const prefix = `--${name}=`;
  return ctx.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

function etcdLog(ctx: ProgramContext, caller: string, msg: string, extra = ""): void {
  ctx.err(`{"level":"info","ts":"${ctx.date().toISOString().replace("Z", "000Z")}","caller":"${caller}","msg":"${msg}"${extra}}\n`);
}

const SPECS: Record<string, Spec> = {
  etcd: {
    ports: [{ port: 2379 }, { port: 2380 }, { port: 2381, address: "127.0.0.1", health: ["/livez", "/readyz", "/health"] }],
    memoryBytes: 40_000_000,
    start(ctx) {
      etcdLog(ctx, "etcdmain/etcd.go:73", "Running: ", `,"args":${JSON.stringify(ctx.argv)}`);
      etcdLog(ctx, "embed/etcd.go:128", "configuring peer listeners", `,"listen-peer-urls":["${flag(ctx, "listen-peer-urls") ?? ""}"]`);
      etcdLog(ctx, "etcdserver/server.go:2068", "published local member to cluster through raft", `,"local-member-attributes":"{Name:${flag(ctx, "name") ?? "default"} ClientURLs:[${flag(ctx, "advertise-client-urls") ?? ""}]}"`);
      etcdLog(ctx, "embed/serve.go:250", "serving client traffic securely", `,"traffic":"grpc+http","address":"127.0.0.1:2379"`);
    },
  },
  "kube-apiserver": {
    ports: [{ port: 6443, health: ["/livez", "/readyz", "/healthz"] }],
    memoryBytes: 250_000_000,
    start(ctx) {
      klog(ctx, "I", "options.go:228", "external host was not specified, using " + (flag(ctx, "advertise-address") ?? ctx.container.node.ip));
      klog(ctx, "I", "server.go:142", "Version: v1.31.0");
      klog(ctx, "I", "secure_serving.go:213", `Serving securely on [::]:${flag(ctx, "secure-port") ?? "6443"}`);
    },
  },
  "kube-controller-manager": {
    ports: [{ port: 10257, health: ["/healthz"] }],
    memoryBytes: 50_000_000,
    start(ctx) {
      klog(ctx, "I", "serving.go:386", "Generated self-signed cert in-memory");
      klog(ctx, "I", "controllermanager.go:197", '"Starting" version="v1.31.0"');
      klog(ctx, "I", "leaderelection.go:254", "attempting to acquire leader lease kube-system/kube-controller-manager...");
      klog(ctx, "I", "leaderelection.go:268", "successfully acquired lease kube-system/kube-controller-manager");
    },
  },
  "kube-scheduler": {
    ports: [{ port: 10259, health: ["/healthz"] }],
    memoryBytes: 20_000_000,
    start(ctx) {
      klog(ctx, "I", "serving.go:386", "Generated self-signed cert in-memory");
      klog(ctx, "I", "server.go:167", '"Starting Kubernetes Scheduler" version="v1.31.0"');
      klog(ctx, "I", "leaderelection.go:268", "successfully acquired lease kube-system/kube-scheduler");
    },
  },
  "kube-proxy": {
    ports: [{ port: 10249, address: "127.0.0.1", health: [] }, { port: 10256, health: ["/healthz", "/livez"], body: '{"lastUpdated":"","currentTime":""}' }],
    memoryBytes: 15_000_000,
    start(ctx) {
      klog(ctx, "I", "server_linux.go:66", '"Using iptables proxy"');
      klog(ctx, "I", "server.go:677", `"Successfully retrieved node IP(s)" IPs=["${ctx.container.node.ip}"]`);
      klog(ctx, "I", "server_linux.go:169", '"Using iptables Proxier"');
      klog(ctx, "I", "config.go:199", '"Starting service config controller"');
      klog(ctx, "I", "config.go:105", '"Starting endpoint slice config controller"');
    },
  },
  coredns: {
    ports: [{ port: 53, protocol: "UDP" }, { port: 53 }, { port: 8080, health: ["/health"], body: "OK" }, { port: 8181, health: ["/ready"], body: "OK" }, { port: 9153, health: [] }],
    memoryBytes: 14_000_000,
    start(ctx) {
      ctx.out(".:53\n[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908\nCoreDNS-1.11.1\nlinux/amd64, go1.20.7, ae2bbc2\n");
    },
  },
};

export const k8sComponent: Program = {
  name: "k8s-component",
  signalStyle: "go",
  async run(ctx) {
    const binary = (ctx.argv[0] ?? "").split("/").pop() ?? "";
    const spec = SPECS[binary];
    if (!spec) {
      ctx.err(`${binary}: this component is not modelled\n`);
      return 1;
    }
    if (ctx.argv.includes("--version")) {
      ctx.out(binary === "coredns" ? "CoreDNS-1.11.1\nlinux/amd64, go1.20.7, ae2bbc2\n" : `Kubernetes v1.31.0\n`);
      return 0;
    }
    ctx.setResources(spec.memoryBytes, RUNTIME_DATA.idleCpuMilli * 5);
    spec.start(ctx);
    for (const p of spec.ports) {
      const health = p.health ?? [];
      ctx.listen(p.port, {
        address: p.address,
        protocol: p.protocol ?? "TCP",
        ...(p.protocol === "UDP"
          ? {}
          : {
              http: (req: HttpRequest) => (health.length === 0 || health.includes(pathOf(req.path)) || pathOf(req.path) === "/metrics" ? ok(p.body)(req) : { status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "404 page not found\n" }),
            }),
      });
    }
    return ctx.untilSignal({ TERM: 0, INT: 0 });
  },
};
