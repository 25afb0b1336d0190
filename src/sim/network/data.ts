/**
 * Network timings and addresses as data: round trips, how long a dial to nowhere takes to fail, the
 * upstream resolver the nodes use, the cluster's Service CIDR.
 */

export const NETWORK_TIMINGS = {
  /** Round trip between two pods (or a node and a pod) on the same node. */
  sameNodeRttMs: 0.1,
  /** Round trip across nodes. */
  crossNodeRttMs: 0.4,
  /** Round trip to a host on the internet. */
  internetRttMs: 25,
  /** A dial to an address on a local subnet that nobody holds fails after ARP gives up. */
  noRouteMs: 3_000,
  /** Default connect timeout of tools that have one (busybox wget and nc have none: they hang). */
  defaultClientTimeoutMs: 30_000,
  /** A DNS query with no answer: resolvers retry, and give up after this. */
  dnsTimeoutMs: 5_000,
};

/** The resolver a node's /etc/resolv.conf points at (dnsPolicy: Default); it answers internet names. */
export const NODE_UPSTREAM_DNS = "172.18.0.1";

/** The default Service ClusterIP range (kubeadm, kind). */
export const SERVICE_CIDR = "10.96.0.0/12";

/** The cluster's pod network (flannel/kindnet default). */
export const POD_CIDR = "10.244.0.0/16";

/** The nodes' network (a kind docker network). */
export const NODE_CIDR = "172.18.0.0/16";
