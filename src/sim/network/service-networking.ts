/**
 * The Services-and-networking part of the default cluster, in start order: the Endpoints,
 * EndpointSlice and EndpointSlice mirroring controllers, kube-proxy, cluster DNS, NetworkPolicy
 * enforcement (after DNS, whose queries it checks), the load-balancer controller, the ingress
 * controller and the outside client (`podlab curl`).
 */
import type { Component } from "../cluster";
import { EndpointsController } from "../controllers/endpoints";
import { EndpointSliceController } from "../controllers/endpointslice";
import { EndpointSliceMirroringController } from "../controllers/endpointslice-mirroring";
import { LoadBalancerController } from "../controllers/service-lb";
import { ClusterDns } from "./dns/cluster-dns";
import { KubeProxy } from "./kube-proxy/kube-proxy";
import { IngressNginx } from "./ingress/ingress-nginx";
import { NetworkPolicyEnforcer } from "./network-policy/enforcer";
import { OutsideClient } from "./outside/outside-client";

/** Fresh instances of the networking components. */
export function serviceNetworkingComponents(): Component[] {
  return [new EndpointsController(), new EndpointSliceController(), new EndpointSliceMirroringController(), new KubeProxy(), new ClusterDns(), new NetworkPolicyEnforcer(), new LoadBalancerController(), new IngressNginx(), new OutsideClient()];
}
