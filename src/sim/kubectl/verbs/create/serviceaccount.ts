/** `kubectl create serviceaccount NAME`. */
import type { KObject } from "../../../api/types";
import type { Verb } from "../../verb";
import { createGenerated, enforcedNamespace, GENERATOR_FLAGS, nameFromArgs, typedMeta } from "./common";

export const createServiceAccount: Verb = {
  name: "create serviceaccount",
  aliases: ["create sa"],
  summary: "Create a service account with the specified name",
  usage: "kubectl create serviceaccount NAME [--dry-run=server|client|none] [options]",
  flags: GENERATOR_FLAGS,
  run(inv) {
    const name = nameFromArgs(inv, "create serviceaccount");
    const sa: KObject = { kind: "ServiceAccount", apiVersion: "v1", metadata: typedMeta(name, { namespace: enforcedNamespace(inv) }) };
    return createGenerated(inv, sa, { failureWhat: "serviceaccount" });
  },
};
