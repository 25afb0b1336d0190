/**
 * Network partitions: each `partition` puts the nodes it names on an island of their own. Nodes on
 * different sides of a cut cannot reach each other (pod-to-pod traffic times out, as packets that are
 * dropped do), and a node on another side than the control plane cannot reach the API server: its
 * kubelet's Lease renewals, status posts and events are lost and it sees no API changes, while its
 * pods keep running. `heal` joins everything again.
 */
import type { Node } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster";
import type { KObject } from "../api/types";

/** Where the API server runs: the nodes labelled as control plane (kubeadm's label). */
const CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

export class Partitions {
  /** Node name → island number; nodes not listed are on the main side. */
  private readonly islands = new Map<string, number>();
  private nextIsland = 1;

  constructor(private readonly cluster: Cluster) {}

  get active(): boolean {
    return this.islands.size > 0;
  }

  /** Puts the nodes on a new island of their own. */
  cut(nodes: string[]): void {
    const island = this.nextIsland++;
    for (const n of nodes) this.islands.set(n, island);
  }

  heal(): void {
    this.islands.clear();
  }

  /** The island a node is on (0: the main side). */
  side(node: string): number {
    return this.islands.get(node) ?? 0;
  }

  /** Traffic between two nodes flows only within a side. */
  reachable(from: string, to: string): boolean {
    return this.side(from) === this.side(to);
  }

  /** The side the API server is on: its control-plane node's, or the main side without one. */
  apiSide(): number {
    for (const n of this.cluster.store.each("Node") as IterableIterator<Node & KObject>) {
      if (n.metadata.labels?.[CONTROL_PLANE_LABEL] !== undefined) return this.side(n.metadata.name!);
    }
    return 0;
  }

  /** True when the node's kubelet can reach the API server. */
  reachesApi(node: string): boolean {
    return this.side(node) === this.apiSide();
  }

  /** The islands as lists of node names, the main side first: for the confirmation line. */
  describe(allNodes: string[]): string[][] {
    const sides = new Map<number, string[]>();
    for (const n of allNodes) {
      const s = this.side(n);
      sides.set(s, [...(sides.get(s) ?? []), n]);
    }
    return [...sides.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }
}
