/** `kubectl create deployment NAME --image=IMAGE [--replicas=N] [--port=P] [-- COMMAND args...]`. */
import type { KObject } from "../../../api/types";
import { KubectlError } from "../../kubectl";
import type { Verb } from "../../verb";
import { createGenerated, enforcedNamespace, GENERATOR_FLAGS, nameFromArgs, requireFlag, stringSlice, typedMeta } from "./common";

/** The container name kubectl derives from an image: its last path segment without tag or digest. */
export function containerNameFor(image: string, used: Set<string>, suffix: () => string): string {
  let name = image.split("/").pop() ?? image;
  if (name.includes(":")) name = name.split(":")[0];
  if (name.includes("@")) name = name.split("@")[0];
  // sanitizeAndUniquify: '_' and '.' are not DNS-1123, and the random suffix keeps names unique.
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, "-")}-${suffix()}`;
  used.add(name);
  return name;
}

export const createDeployment: Verb = {
  name: "create deployment",
  aliases: ["create deploy"],
  summary: "Create a deployment with the specified name",
  usage: "kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]",
  flags: [
    ...GENERATOR_FLAGS,
    { name: "image", type: "stringArray", help: "Image names to run. A deployment can have multiple images set for multi-container pod." },
    { name: "port", type: "int", default: -1, help: "The containerPort that this deployment exposes." },
    { name: "replicas", short: "r", type: "int", default: 1, help: "Number of replicas to create. Default is 1." },
  ],
  run(inv) {
    const name = nameFromArgs(inv, "create deployment");
    requireFlag(inv, "image");
    const images = stringSlice(inv, "image");
    const command = inv.afterDash && inv.afterDash.length > 0 ? inv.afterDash : undefined;
    if (images.length > 1 && command) throw new KubectlError("cannot specify multiple --image options and command");
    const labels = { app: name };
    const used = new Set<string>();
    const port = inv.flag<number>("port");
    const containers = images.map((image, i) => ({
      name: containerNameFor(image, used, () => inv.cluster.random.nameSuffix(5)),
      image,
      ...(command ? { command } : {}),
      ...(i === 0 && port >= 0 ? { ports: [{ containerPort: port }] } : {}),
      resources: {},
    }));
    const deployment: KObject = {
      kind: "Deployment",
      apiVersion: "apps/v1",
      metadata: typedMeta(name, { namespace: enforcedNamespace(inv), labels }),
      spec: {
        replicas: inv.flag<number>("replicas"),
        selector: { matchLabels: labels },
        template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
        strategy: {},
      },
      status: {},
    };
    return createGenerated(inv, deployment, { failureWhat: "deployment" });
  },
};
