/** `kubectl create job NAME --image=IMAGE [-- COMMAND args...]` or `--from=cronjob/NAME`. */
import type { KObject } from "../../../api/types";
import { buildInfos } from "../../builder";
import { KubectlError } from "../../kubectl";
import type { Verb } from "../../verb";
import { createGenerated, enforcedNamespace, GENERATOR_FLAGS, nameFromArgs, typedMeta } from "./common";

export const createJob: Verb = {
  name: "create job",
  summary: "Create a job with the specified name",
  usage: "kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]",
  flags: [
    ...GENERATOR_FLAGS,
    { name: "image", type: "string", help: "Image name to run." },
    { name: "from", type: "string", help: "The name of the resource to create a Job from (only cronjob is supported)." },
  ],
  run(inv) {
    const name = nameFromArgs(inv, "create job");
    const image = inv.flag<string | undefined>("image") ?? "";
    const from = inv.flag<string | undefined>("from") ?? "";
    const command = inv.afterDash && inv.afterDash.length > 0 ? inv.afterDash : undefined;
    if ((image === "" && from === "") || (image !== "" && from !== "")) throw new KubectlError("either --image or --from must be specified");
    if (command && from !== "") throw new KubectlError("cannot specify --from and command");
    let job: KObject;
    if (image !== "") {
      job = {
        kind: "Job",
        apiVersion: "batch/v1",
        metadata: typedMeta(name, { namespace: enforcedNamespace(inv) }),
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: { containers: [{ name, image, ...(command ? { command } : {}), resources: {} }], restartPolicy: "Never" },
          },
        },
        status: {},
      };
    } else {
      const { visits } = buildInfos(inv, { args: [from], latest: true });
      if (visits.length !== 1) throw new KubectlError("from must be an existing cronjob");
      const [visit] = visits;
      if (!visit.info) throw visit.error;
      const cronJob = visit.info.object!;
      if (cronJob.kind !== "CronJob") throw new KubectlError(`unknown object type *v1.${cronJob.kind}`);
      const template = cronJob.spec?.jobTemplate ?? {};
      job = {
        kind: "Job",
        apiVersion: "batch/v1",
        metadata: {
          ...typedMeta(name, { namespace: enforcedNamespace(inv), labels: template.metadata?.labels }),
          annotations: { "cronjob.kubernetes.io/instantiate": "manual", ...template.metadata?.annotations },
          ownerReferences: [{ apiVersion: "batch/v1", kind: "CronJob", name: cronJob.metadata.name ?? "", uid: cronJob.metadata.uid ?? "", controller: true }],
        },
        spec: template.spec ?? {},
        status: {},
      };
    }
    return createGenerated(inv, job, { failureWhat: "job" });
  },
};
