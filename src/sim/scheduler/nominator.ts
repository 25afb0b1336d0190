/**
 * The nominator (PodNominator): pods that preemption nominated to a node, so other pods do not take
 * the room their victims free. Filters count equal- or higher-priority nominated pods as if running.
 */
import type { PodInfo } from "./pod-info";

/** Nominated pods by node, and the node of each. */
export class Nominator {
  private readonly byNode = new Map<string, Map<string, PodInfo>>();
  private readonly nodeOf = new Map<string, string>();

  /** Records (or moves, or with "" clears) the nomination of a pod. */
  set(pod: PodInfo, nodeName: string | undefined): void {
    this.delete(pod.key);
    if (!nodeName) return;
    let m = this.byNode.get(nodeName);
    if (!m) this.byNode.set(nodeName, (m = new Map()));
    m.set(pod.key, pod);
    this.nodeOf.set(pod.key, nodeName);
  }

  delete(key: string): void {
    const node = this.nodeOf.get(key);
    if (node === undefined) return;
    this.nodeOf.delete(key);
    const m = this.byNode.get(node)!;
    m.delete(key);
    if (m.size === 0) this.byNode.delete(node);
  }

  podsFor(nodeName: string): readonly PodInfo[] {
    const m = this.byNode.get(nodeName);
    return m ? [...m.values()] : [];
  }

  nodeFor(key: string): string | undefined {
    return this.nodeOf.get(key);
  }

  get empty(): boolean {
    return this.nodeOf.size === 0;
  }
}
