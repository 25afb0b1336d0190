/** `kubectl create namespace NAME`. */
import type { KObject } from "../../../api/types";
import type { Verb } from "../../verb";
import { createGenerated, GENERATOR_FLAGS, nameFromArgs, typedMeta } from "./common";

export const createNamespace: Verb = {
  name: "create namespace",
  aliases: ["create ns"],
  summary: "Create a namespace with the specified name",
  usage: "kubectl create namespace NAME [--dry-run=server|client|none] [options]",
  flags: GENERATOR_FLAGS,
  run(inv) {
    const name = nameFromArgs(inv, "create namespace");
    const ns: KObject = { kind: "Namespace", apiVersion: "v1", metadata: typedMeta(name), spec: {}, status: {} };
    // create namespace returns the API error as it is (no "failed to create" prefix).
    return createGenerated(inv, ns);
  },
};
