/** `kubectl create secret generic NAME [--type=T] [--from-literal=k=v] [--from-file=...] [--from-env-file=...]`. */
import type { KObject } from "../../../api/types";
import type { Verb } from "../../verb";
import { base64, createGenerated, enforcedNamespace, GENERATOR_FLAGS, nameFromArgs, typedMeta } from "./common";
import { collectData, DATA_SOURCE_FLAGS } from "./configmap";

export const createSecretGeneric: Verb = {
  name: "create secret generic",
  summary: "Create a secret from a local file, directory, or literal value",
  usage: "kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
  flags: [...GENERATOR_FLAGS, ...DATA_SOURCE_FLAGS, { name: "type", type: "string", help: "The type of secret to create" }],
  run(inv) {
    const name = nameFromArgs(inv, "create secret generic");
    const data = collectData(inv, name, "Secret", false);
    const secret: KObject = { kind: "Secret", apiVersion: "v1", metadata: typedMeta(name, { namespace: enforcedNamespace(inv) }) };
    if (Object.keys(data).length > 0) secret.data = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, base64(v)]));
    const type = inv.flag<string | undefined>("type");
    if (type) secret.type = type;
    return createGenerated(inv, secret, { failureWhat: "secret" });
  },
};
