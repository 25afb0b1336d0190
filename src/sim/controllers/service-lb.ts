/**
 * The load-balancer controller of the simulated kind cluster, as MetalLB in layer-2 mode with the
 * address pool the kind docs give it (172.18.255.200-172.18.255.250): a LoadBalancer Service gets the
 * first free address of the pool (or the spec.loadBalancerIP it asks for) in
 * status.loadBalancer.ingress — EXTERNAL-IP shows `<pending>` until then — with MetalLB's events
 * (IPAllocated from metallb-controller, nodeAssigned from metallb-speaker). A Service that stops
 * being a LoadBalancer gives its address back.
 */
import type { KObject } from "../api/types";
import { ipv4ToNumber } from "../network/cidr";
import { hashString } from "../random";
import { Controller, keyOf, splitKey } from "./controller";

export const LOAD_BALANCER_CONTROLLER = "metallb-controller";
const SPEAKER = "metallb-speaker";

/** MetalLB's IPAddressPool for a kind cluster. */
export const LOAD_BALANCER_POOL = { first: "172.18.255.200", last: "172.18.255.250" };

function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export class LoadBalancerController extends Controller {
  readonly name = LOAD_BALANCER_CONTROLLER;

  protected setup(): void {
    this.cluster.api.watch("Service", (e) => {
      const was = e.old?.spec?.type === "LoadBalancer";
      const is = e.type !== "DELETED" && e.object.spec?.type === "LoadBalancer";
      if (!was && !is) return;
      if (e.type === "MODIFIED" && was && is && e.old!.spec?.loadBalancerIP === e.object.spec?.loadBalancerIP && (e.object.status?.loadBalancer?.ingress ?? []).length > 0) return;
      this.enqueueAfterAssign(keyOf(e.object.metadata.namespace, e.object.metadata.name!));
    });
    for (const svc of this.cluster.store.each("Service")) if (svc.spec?.type === "LoadBalancer") this.enqueueAfterAssign(keyOf(svc.metadata.namespace, svc.metadata.name!));
  }

  private enqueueAfterAssign(key: string): void {
    this.enqueueAfter(key, this.cluster.timing("loadBalancerAssign"));
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const svc = this.cluster.store.get("Service", namespace, name);
    if (!svc) return;
    const current: { ip?: string }[] = svc.status?.loadBalancer?.ingress ?? [];
    if (svc.spec?.type !== "LoadBalancer") {
      if (current.length > 0) this.writeStatus(svc, []);
      return;
    }
    const requested: string | undefined = svc.spec?.loadBalancerIP || undefined;
    if (current.length > 0 && (!requested || current[0].ip === requested)) return;
    const ip = this.allocate(svc, requested);
    if (!ip.ok) {
      this.cluster.events.record(svc, "Warning", "AllocationFailed", `Failed to allocate IP for "${key}": ${ip.error}`, { component: LOAD_BALANCER_CONTROLLER });
      return;
    }
    const updated = this.writeStatus(svc, [{ ip: ip.ip, ipMode: "VIP" }]);
    this.cluster.events.record(updated, "Normal", "IPAllocated", `Assigned IP ["${ip.ip}"]`, { component: LOAD_BALANCER_CONTROLLER });
    this.cluster.events.record(updated, "Normal", "nodeAssigned", `announcing from node "${this.announcingNode(key)}" with protocol "layer2"`, { component: SPEAKER });
  }

  /** The node whose speaker answers ARP for the Service's address. */
  announcingNode(key: string): string {
    const nodes = this.cluster.store
      .list("Node")
      .filter((n) => !(n.spec?.taints ?? []).some((t: { effect: string }) => t.effect === "NoSchedule" || t.effect === "NoExecute"))
      .map((n) => n.metadata.name!)
      .sort();
    return nodes.length > 0 ? nodes[hashString(key) % nodes.length] : "";
  }

  private allocate(svc: KObject, requested: string | undefined): { ok: true; ip: string } | { ok: false; error: string } {
    const used = new Set<string>();
    for (const s of this.cluster.store.each("Service")) {
      if (s === svc) continue;
      for (const i of s.status?.loadBalancer?.ingress ?? []) if (i.ip) used.add(i.ip);
    }
    const first = ipv4ToNumber(LOAD_BALANCER_POOL.first)!;
    const last = ipv4ToNumber(LOAD_BALANCER_POOL.last)!;
    if (requested) {
      const n = ipv4ToNumber(requested);
      if (n === undefined || n < first || n > last) return { ok: false, error: `"${requested}" is not allowed in config` };
      if (used.has(requested)) return { ok: false, error: `can't change sharing key for "${svc.metadata.namespace}/${svc.metadata.name}", address also in use by another service` };
      return { ok: true, ip: requested };
    }
    for (let n = first; n <= last; n++) {
      const ip = numberToIp(n);
      if (!used.has(ip)) return { ok: true, ip };
    }
    return { ok: false, error: "no available IPs" };
  }

  private writeStatus(svc: KObject, ingress: { ip: string; ipMode: string }[]): KObject {
    return this.cluster.api.updateStatus({ ...svc, status: { ...svc.status, loadBalancer: ingress.length > 0 ? { ingress } : {} } }, { actor: this.actor });
  }
}
