/** `kubectl create configmap NAME [--from-literal=k=v] [--from-file=[key=]path] [--from-env-file=path]`. */
import type { KObject } from "../../../api/types";
import { KubectlError } from "../../kubectl";
import type { Verb } from "../../verb";
import { configMapKeyErrors, createGenerated, enforcedNamespace, GENERATOR_FLAGS, nameFromArgs, parseLiteralSource, readEnvFile, readFileSources, stringSlice, typedMeta } from "./common";

/** Data-source flags configmap and secret generic share. */
export const DATA_SOURCE_FLAGS = [
  { name: "from-literal", type: "stringArray" as const, help: "Specify a key and literal value to insert (i.e. mykey=somevalue)" },
  { name: "from-file", type: "stringArray" as const, help: "Key file can be specified using its file path, in which case file basename will be used as key, or optionally with a key and file path, in which case the given key will be used." },
  { name: "from-env-file", type: "stringArray" as const, help: "Specify the path to a file to read lines of key=val pairs." },
  { name: "append-hash", type: "bool" as const, help: "Append a hash of the object to its name." },
];

/** Collects the data of --from-file, --from-literal and --from-env-file in kubectl's order and checks. */
export function collectData(inv: Parameters<Verb["run"]>[0], name: string, kind: "ConfigMap" | "Secret", fileFirst: boolean): Record<string, string> {
  const literals = inv.flag<string[] | undefined>("from-literal") ?? [];
  const files = stringSlice(inv, "from-file");
  const envFiles = stringSlice(inv, "from-env-file");
  if (envFiles.length > 0 && (files.length > 0 || literals.length > 0)) throw new KubectlError("from-env-file cannot be combined with from-file or from-literal");
  if (inv.flag<boolean | undefined>("append-hash")) throw new KubectlError("--append-hash is not supported by the simulated kubectl");
  const data: Record<string, string> = {};
  const add = (key: string, value: string) => {
    const errs = configMapKeyErrors(key);
    if (kind === "ConfigMap") {
      if (errs.length > 0) throw new KubectlError(`"${key}" is not a valid key name for a ConfigMap: ${errs.join(",")}`);
      if (key in data) throw new KubectlError(`cannot add key "${key}", another key by that name already exists in Data for ConfigMap "${name}"`);
    } else {
      if (errs.length > 0) throw new KubectlError(`"${key}" is not valid key name for a Secret ${errs.join(";")}`);
      if (key in data) throw new KubectlError(`cannot add key ${key}, another key by that name already exists`);
    }
    data[key] = value;
  };
  const fromFiles = () => readFileSources(inv, files, add);
  const fromLiterals = () => literals.forEach((l) => add(...parseLiteralSource(l)));
  if (fileFirst) {
    fromFiles();
    fromLiterals();
  } else {
    fromLiterals();
    fromFiles();
  }
  for (const f of envFiles) readEnvFile(inv, f, add);
  return data;
}

export const createConfigMap: Verb = {
  name: "create configmap",
  aliases: ["create cm"],
  summary: "Create a config map from a local file, directory or literal value",
  usage: "kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
  flags: [...GENERATOR_FLAGS, ...DATA_SOURCE_FLAGS],
  run(inv) {
    const name = nameFromArgs(inv, "create configmap");
    const data = collectData(inv, name, "ConfigMap", true);
    const cm: KObject = { kind: "ConfigMap", apiVersion: "v1", metadata: typedMeta(name, { namespace: enforcedNamespace(inv) }) };
    if (Object.keys(data).length > 0) cm.data = data;
    return createGenerated(inv, cm, { failureWhat: "configmap" });
  },
};
