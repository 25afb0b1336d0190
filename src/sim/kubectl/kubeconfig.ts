/**
 * The simulated kubeconfig the kubectl of a cluster reads: one cluster, one user and the context
 * "podlab" tying them together, pointing at https://127.0.0.1:6443. `kubectl config set-context` and
 * `use-context` change it; the current context's namespace is where commands without `-n` go.
 */
import type { Cluster } from "../cluster";

/** The API server address every simulated kubeconfig points at. */
export const SERVER_URL = "https://127.0.0.1:6443";
export const DEFAULT_CONTEXT = "podlab";

export interface KubeContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

export interface Kubeconfig {
  currentContext: string;
  clusters: { name: string; server: string }[];
  users: { name: string }[];
  contexts: KubeContext[];
}

const configs = new WeakMap<Cluster, Kubeconfig>();

/** The kubeconfig of a cluster's kubectl (created on first use). */
export function kubeconfigOf(cluster: Cluster): Kubeconfig {
  let c = configs.get(cluster);
  if (!c) {
    c = {
      currentContext: DEFAULT_CONTEXT,
      clusters: [{ name: DEFAULT_CONTEXT, server: SERVER_URL }],
      users: [{ name: DEFAULT_CONTEXT }],
      contexts: [{ name: DEFAULT_CONTEXT, cluster: DEFAULT_CONTEXT, user: DEFAULT_CONTEXT }],
    };
    configs.set(cluster, c);
  }
  return c;
}

/** The namespace of the current context, if it sets one. */
export function contextNamespace(cluster: Cluster): string | undefined {
  const c = configs.get(cluster);
  if (!c) return undefined;
  return c.contexts.find((x) => x.name === c.currentContext)?.namespace || undefined;
}
