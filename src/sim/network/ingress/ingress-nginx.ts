/**
 * IngressNginx is the ingress controller of the simulated kind cluster, set up as kind's
 * ingress-nginx guide does: IngressClass `nginx` (controller `k8s.io/ingress-nginx`, not the
 * default class), Ingresses without a class watched too (--watch-ingress-without-class), the
 * controller on the control-plane node listening on host ports 80 and 443 (which kind maps to the
 * user's localhost), and `localhost` published as every Ingress's address
 * (--publish-status-address) by the status loop.
 *
 * Requests are routed by routing.ts and proxied straight to the backend Service's endpoints, round
 * robin (ingress-nginx balances across endpoints itself, not through the ClusterIP). It records
 * "Scheduled for sync" events on the Ingresses it serves and traces each request it routes.
 */
import type { KObject } from "../../api/types";
import type { Cluster, Component } from "../../cluster";
import type { TimerHandle } from "../../clock";
import { slicesOf } from "../../controllers/endpoints/slice-index";
import { podNetwork, type PodNetwork } from "../fabric";
import type { NetNamespace } from "../netns";
import type { HttpRequest, HttpResponse } from "../types";
import { nginxErrorPage } from "./pages";
import { route, type ServiceBackend } from "./routing";

export const INGRESS_NGINX = "ingress-nginx";
export const INGRESS_CONTROLLER_CLASS = "k8s.io/ingress-nginx";
export const INGRESS_CLASS_NAME = "nginx";
/** What --publish-status-address puts in every served Ingress's status. */
export const PUBLISHED_ADDRESS = "localhost";
const EVENT_SOURCE = "nginx-ingress-controller";
const CLASS_ANNOTATION = "kubernetes.io/ingress.class";

export class IngressNginx implements Component {
  readonly name = INGRESS_NGINX;
  private cluster!: Cluster;
  private net!: PodNetwork;
  private statusTimer: TimerHandle | undefined;
  private readonly roundRobin = new Map<string, number>();
  /** The node the controller runs on (kind's ingress-ready control-plane node). */
  node = "";

  start(cluster: Cluster): void {
    this.cluster = cluster;
    this.net = podNetwork(cluster);
    this.node = cluster.nodeSettings.find((n) => n.labels && "node-role.kubernetes.io/control-plane" in n.labels)?.name ?? cluster.nodeSettings[0]?.name ?? "";
    if (!cluster.store.get("IngressClass", undefined, INGRESS_CLASS_NAME)) {
      cluster.api.create(
        {
          apiVersion: "networking.k8s.io/v1",
          kind: "IngressClass",
          metadata: {
            name: INGRESS_CLASS_NAME,
            labels: { "app.kubernetes.io/component": "controller", "app.kubernetes.io/instance": "ingress-nginx", "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/part-of": "ingress-nginx", "app.kubernetes.io/version": "1.11.2" },
          },
          spec: { controller: INGRESS_CONTROLLER_CLASS },
        },
        { actor: "kubectl-client-side-apply" },
      );
    }
    cluster.api.watch("Ingress", (e) => {
      if (e.type === "DELETED") return;
      const specChanged = e.type === "ADDED" || JSON.stringify(e.old?.spec) !== JSON.stringify(e.object.spec) || JSON.stringify(e.old?.metadata.annotations) !== JSON.stringify(e.object.metadata.annotations);
      const statusChanged = e.type === "MODIFIED" && e.actor === INGRESS_NGINX && JSON.stringify(e.old?.status) !== JSON.stringify(e.object.status);
      if ((specChanged || statusChanged) && this.handles(e.object)) this.scheduleSyncEvent(e.object);
      if (specChanged) this.scheduleStatusSync();
    });
    cluster.api.watch("IngressClass", () => this.scheduleStatusSync());
    const host = this.net.hostNamespace(this.node);
    const owner = { containerId: "", pid: 0, command: "nginx: worker process" };
    for (const [port, scheme] of [[80, "http"], [443, "https"]] as const) {
      host.listen({ port, protocol: "TCP", address: "0.0.0.0", owner, http: (req) => this.serve({ ...req, scheme }, host) });
    }
  }

  /** True when this controller serves the Ingress (its class, or no class at all). */
  handles(ing: KObject): boolean {
    const className: string | undefined = ing.spec?.ingressClassName ?? ing.metadata.annotations?.[CLASS_ANNOTATION];
    if (!className) return true;
    if (ing.metadata.annotations?.[CLASS_ANNOTATION] === INGRESS_CLASS_NAME && !ing.spec?.ingressClassName) return true;
    const cls = this.cluster.store.get("IngressClass", undefined, className);
    return cls?.spec?.controller === INGRESS_CONTROLLER_CLASS;
  }

  /** The Ingresses this controller serves. */
  served(): KObject[] {
    return this.cluster.store.list("Ingress").filter((i) => !i.metadata.deletionTimestamp && this.handles(i));
  }

  /** Answers one request that reached the controller's port 80 or 443. */
  serve(req: HttpRequest, from: NetNamespace): HttpResponse {
    const host = (req.headers["host"] ?? "").replace(/:\d+$/, "");
    const r = route(this.served(), host, req.path);
    if (r.kind === "default") return nginxErrorPage(404);
    const ns = r.ingress.metadata.namespace!;
    const target = this.endpoint(ns, r.backend);
    if (!target) return nginxErrorPage(503);
    const client = req.from.ip;
    if (this.cluster.trace.active) {
      this.cluster.trace.emit({
        time: this.cluster.clock.now,
        component: INGRESS_NGINX,
        node: this.node,
        action: "route",
        object: { kind: "Ingress", namespace: ns, name: r.ingress.metadata.name! },
        detail: { from: client, host, path: req.path, service: `${ns}/${r.backend.name}`, to: target.pod, endpoint: `${target.ip}:${target.port}` },
      });
    }
    const headers: Record<string, string> = {
      ...req.headers,
      host: req.headers["host"] ?? host,
      "x-request-id": this.cluster.random.hex(32),
      "x-real-ip": client,
      "x-forwarded-for": client,
      "x-forwarded-host": host,
      "x-forwarded-port": req.scheme === "https" ? "443" : "80",
      "x-forwarded-proto": req.scheme,
      "x-forwarded-scheme": req.scheme,
      "x-scheme": req.scheme,
    };
    const o = this.net.http(from, { host: target.ip, port: target.port, path: r.rewritten, method: req.method, headers, body: req.body, timeoutMs: 60_000 });
    if (!o.ok) return nginxErrorPage(o.error === "timeout" ? 504 : 502);
    return { ...o.response, headers: { ...(o.response.headers ?? {}), server: "nginx" } };
  }

  /** The next endpoint of a backend, round robin over the ready endpoints of its Service port. */
  private endpoint(namespace: string, backend: ServiceBackend): { ip: string; port: number; pod?: string } | undefined {
    const svc = this.cluster.store.get("Service", namespace, backend.name);
    if (!svc) return undefined;
    const sp = (svc.spec?.ports ?? []).find((p: { port: number; name?: string }) => (backend.port.number ? p.port === backend.port.number : p.name === backend.port.name));
    if (!sp) return undefined;
    if (svc.spec?.type === "ExternalName") return undefined;
    const list: { ip: string; port: number; pod?: string }[] = [];
    for (const slice of slicesOf(this.cluster.store, namespace, backend.name)) {
      const port = (slice.ports ?? []).find((p: { name?: string }) => (p.name ?? "") === (sp.name ?? ""));
      if (!port) continue;
      for (const e of slice.endpoints ?? []) {
        if (e.conditions?.ready === false) continue;
        list.push({ ip: e.addresses[0], port: port.port, pod: e.targetRef?.name ? `${e.targetRef.namespace ?? namespace}/${e.targetRef.name}` : undefined });
      }
    }
    if (list.length === 0) return undefined;
    const key = `${namespace}/${backend.name}/${sp.port}`;
    const n = this.roundRobin.get(key) ?? 0;
    this.roundRobin.set(key, n + 1);
    return list[n % list.length];
  }

  private scheduleSyncEvent(ing: KObject): void {
    const { namespace, name } = ing.metadata;
    this.cluster.clock.after(this.cluster.timing("ingressSync"), () => {
      const current = this.cluster.store.get("Ingress", namespace, name!);
      if (current) this.cluster.events.record(current, "Normal", "Sync", "Scheduled for sync", { component: EVENT_SOURCE });
    }, `${INGRESS_NGINX} sync ${namespace}/${name}`);
  }

  /** The status loop runs every period; a change waits for its next tick. */
  private scheduleStatusSync(): void {
    if (this.statusTimer) return;
    const period = this.cluster.timing("ingressStatusPeriod");
    const now = this.cluster.clock.now;
    const at = (Math.floor(now / period) + 1) * period;
    this.statusTimer = this.cluster.clock.at(at, () => {
      this.statusTimer = undefined;
      this.syncStatus();
    }, `${INGRESS_NGINX} status sync`);
  }

  private syncStatus(): void {
    for (const ing of this.cluster.store.list("Ingress")) {
      const current: { hostname?: string; ip?: string }[] = ing.status?.loadBalancer?.ingress ?? [];
      const ours = current.length === 1 && current[0].hostname === PUBLISHED_ADDRESS;
      const want = this.handles(ing) && !ing.metadata.deletionTimestamp;
      if (want === ours) continue;
      const loadBalancer = want ? { ingress: [{ hostname: PUBLISHED_ADDRESS }] } : {};
      this.cluster.api.updateStatus({ ...ing, status: { ...ing.status, loadBalancer } }, { actor: INGRESS_NGINX });
    }
  }
}

/** The ingress controller of a cluster, if it runs one. */
export function ingressNginx(cluster: Cluster): IngressNginx | undefined {
  return cluster.component<IngressNginx>(INGRESS_NGINX);
}
