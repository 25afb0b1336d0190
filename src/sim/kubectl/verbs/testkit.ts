/**
 * A small harness for the verbs' unit tests: a cluster (by default only the bootstrap component, so
 * nothing else moves objects or time), in-memory files, and `kubectl ...` lines run against them.
 */
import { Bootstrap } from "../../bootstrap";
import { Cluster, type ClusterOptions } from "../../cluster";
import { memoryFiles } from "../../session/memory-files";
import type { CommandResult } from "../kubectl";
import { splitWords } from "../shell";

export interface Kit {
  cluster: Cluster;
  /** Runs one kubectl command line ("kubectl" optional) with optional stdin. */
  run(line: string, stdin?: string): Promise<CommandResult>;
}

/** A started cluster plus a kubectl runner over `files`. */
export function kubectlKit(files: Record<string, string> = {}, options: ClusterOptions = {}): Kit {
  const cluster = new Cluster({ components: [new Bootstrap()], ...options }).start();
  const source = memoryFiles(files);
  return {
    cluster,
    run(line, stdin) {
      const words = splitWords(line);
      return cluster.kubectl(words[0] === "kubectl" ? words.slice(1) : words, { files: source, stdin });
    },
  };
}

/** A pod manifest for tests. */
export function podYaml(name: string, image = "nginx:1.25", extra = ""): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
  containers:
  - name: ${name}
    image: ${image}
${extra}`;
}

/** A ConfigMap manifest for tests. */
export function configMapYaml(name: string, data: Record<string, string>, namespace?: string): string {
  const ns = namespace ? `\n  namespace: ${namespace}` : "";
  const entries = Object.entries(data)
    .map(([k, v]) => `  ${k}: "${v}"`)
    .join("\n");
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}${ns}
data:
${entries}
`;
}
