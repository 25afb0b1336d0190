/** `kubectl api-versions`: the group/versions the server serves, one per line, sorted. */
import { apiVersionOf, KINDS } from "../../api/kinds";
import type { Verb } from "../verb";

export const apiVersions: Verb = {
  name: "api-versions",
  summary: "Print the supported API versions on the server, in the form of \"group/version\"",
  usage: "kubectl api-versions [options]",
  flags: [],
  run(inv) {
    const versions = [...new Set(KINDS.map(apiVersionOf))].sort();
    inv.out(versions.map((v) => `${v}\n`).join(""));
    return 0;
  },
};
