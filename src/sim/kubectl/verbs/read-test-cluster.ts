/**
 * A quiet cluster for the read verbs' tests: the four namespaces and the default nodes, nothing that
 * acts on its own (no scheduler, no controllers, no kubelets), so objects stay exactly as a test
 * creates them; and a one-line kubectl runner over in-memory files.
 */
import type { KObject } from "../../api/types";
import { Bootstrap } from "../../bootstrap";
import { Cluster } from "../../cluster";
import { memoryFiles } from "../../session/memory-files";
import type { CommandResult } from "../kubectl";
import { splitWords } from "../shell";

export interface TestCluster {
  cluster: Cluster;
  /** Runs a kubectl command line (without the word "kubectl"). */
  kubectl(line: string, files?: Record<string, string>): Promise<CommandResult>;
  /** Creates an object as-is, at the current virtual time. */
  create(obj: KObject): KObject;
  /** Replaces an object's status. */
  setStatus(kind: string, namespace: string | undefined, name: string, status: Record<string, unknown>): KObject;
  advance(ms: number): Promise<void>;
}

export function quietCluster(): TestCluster {
  const cluster = new Cluster({ components: [new Bootstrap()] }).start();
  return {
    cluster,
    kubectl: (line, files = {}) => cluster.kubectl(splitWords(line), { files: memoryFiles(files) }),
    create: (obj) => cluster.api.create(obj, { actor: "kubectl-client-side-apply" }),
    setStatus(kind, namespace, name, status) {
      const cur = cluster.api.get(kind, namespace, name);
      return cluster.api.updateStatus({ ...cur, status }, { actor: "kubelet/node-1" });
    },
    advance: (ms) => cluster.advance(ms),
  };
}
