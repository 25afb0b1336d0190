/** `kubectl version`: client, Kustomize and server versions. */
import { KUBERNETES_VERSION } from "../../cluster";
import { KubectlError } from "../kubectl";
import type { Verb } from "../verb";

const KUSTOMIZE_VERSION = "v5.4.2";

export const version: Verb = {
  name: "version",
  summary: "Print the client and server version information",
  usage: "kubectl version [flags] [options]",
  flags: [
    { name: "client", type: "bool", help: "If true, shows client version only (no server required)." },
    { name: "output", short: "o", type: "string", help: "One of 'yaml' or 'json'." },
  ],
  run(inv) {
    const client = inv.flag<boolean>("client");
    const output = inv.flag<string | undefined>("output");
    const info = (v: string) => {
      const [major, minor] = v.slice(1).split(".");
      return {
        major,
        minor,
        gitVersion: v,
        gitCommit: "9edcffcde5595e8a5b1a35f88c421764e575afce",
        gitTreeState: "clean",
        buildDate: "2024-08-13T07:28:49Z",
        goVersion: "go1.22.5",
        compiler: "gc",
        platform: "linux/amd64",
      };
    };
    const doc: Record<string, unknown> = { clientVersion: info(KUBERNETES_VERSION), kustomizeVersion: KUSTOMIZE_VERSION };
    if (!client) doc.serverVersion = info(KUBERNETES_VERSION);
    if (output === "json") {
      inv.out(JSON.stringify(doc, null, 2) + "\n");
      return 0;
    }
    if (output === "yaml") {
      const lines: string[] = [];
      for (const [k, v] of Object.entries(doc)) {
        if (typeof v === "string") lines.push(`${k}: ${v}`);
        else {
          lines.push(`${k}:`);
          for (const [kk, vv] of Object.entries(v as Record<string, string>)) lines.push(`  ${kk}: ${/^\d/.test(vv) || vv.includes(":") ? JSON.stringify(vv) : vv}`);
        }
      }
      inv.out(lines.join("\n") + "\n");
      return 0;
    }
    if (output !== undefined && output !== "") throw new KubectlError(`--output must be 'yaml' or 'json'`);
    inv.out(`Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    if (!client) inv.out(`Server Version: ${KUBERNETES_VERSION}\n`);
    return 0;
  },
};
