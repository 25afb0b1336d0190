/** `kubectl create cronjob NAME --image=IMAGE --schedule='*\/1 * * * *' [--restart=OnFailure] [-- COMMAND args...]`. */
import type { KObject } from "../../../api/types";
import { KubectlError } from "../../kubectl";
import type { Verb } from "../../verb";
import { createGenerated, enforcedNamespace, GENERATOR_FLAGS, nameFromArgs, typedMeta } from "./common";

export const createCronJob: Verb = {
  name: "create cronjob",
  aliases: ["create cj"],
  summary: "Create a cron job with the specified name",
  usage: "kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
  flags: [
    ...GENERATOR_FLAGS,
    { name: "image", type: "string", help: "Image name to run." },
    { name: "schedule", type: "string", help: "A schedule in the Cron format the job should be run with." },
    { name: "restart", type: "string", default: "OnFailure", help: "job's restart policy. supported values: OnFailure, Never" },
  ],
  run(inv) {
    const name = nameFromArgs(inv, "create cronjob");
    const image = inv.flag<string | undefined>("image") ?? "";
    const schedule = inv.flag<string | undefined>("schedule") ?? "";
    const restart = inv.flag<string>("restart");
    if (image === "") throw new KubectlError("--image must be specified");
    if (schedule === "") throw new KubectlError("--schedule must be specified");
    if (restart !== "OnFailure" && restart !== "Never") throw new KubectlError(`restart policy "${restart}" is not supported, the supported values are OnFailure and Never`);
    const command = inv.afterDash && inv.afterDash.length > 0 ? inv.afterDash : undefined;
    const cronJob: KObject = {
      kind: "CronJob",
      apiVersion: "batch/v1",
      metadata: typedMeta(name, { namespace: enforcedNamespace(inv) }),
      spec: {
        schedule,
        jobTemplate: {
          metadata: { name, creationTimestamp: null },
          spec: {
            template: {
              metadata: { creationTimestamp: null },
              spec: { containers: [{ name, image, ...(command ? { command } : {}), resources: {} }], restartPolicy: restart },
            },
          },
        },
      },
      status: {},
    };
    return createGenerated(inv, cronJob, { failureWhat: "cronjob" });
  },
};
