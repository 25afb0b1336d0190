/**
 * `kubectl create -f FILE|DIR|-`: creates every object of the manifests (AlreadyExists is an
 * error, unlike apply), and the parent commands of the generators (`create secret`, `create
 * service`), which only list their subcommands.
 */
import type { KObject } from "../../api/types";
import { deepClone } from "../../util/object";
import { lastAppliedValue, LAST_APPLIED_ANNOTATION } from "../apply/last-applied";
import { buildInfos, type ResourceInfo } from "../builder";
import { KubectlError } from "../kubectl";
import { addSourceToErr, finishWithErrors, ObjectPrinter, PRINT_FLAGS, printWarnings } from "../output";
import { FILENAME_FLAGS } from "../resources";
import type { Invocation, Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy, fieldManagerFlag, requestOptions, SAVE_CONFIG_FLAG, validationDirective, VALIDATE_FLAG } from "../write-options";

/** The generators `kubectl create` offers here, for its help text. */
const SUBCOMMANDS: [string, string][] = [
  ["configmap", "Create a config map from a local file, directory or literal value"],
  ["cronjob", "Create a cron job with the specified name"],
  ["deployment", "Create a deployment with the specified name"],
  ["job", "Create a job with the specified name"],
  ["namespace", "Create a namespace with the specified name"],
  ["secret", "Create a secret using a specified subcommand"],
  ["service", "Create a service using a specified subcommand"],
  ["serviceaccount", "Create a service account with the specified name"],
];

function subcommandHelp(summary: string, commands: [string, string][], usage: string): string {
  const width = Math.max(...commands.map(([n]) => n.length)) + 2;
  return `${summary}\n\nAvailable Commands:\n${commands.map(([n, s]) => `  ${n.padEnd(width)}${s}`).join("\n")}\n\nUsage:\n  ${usage}\n\nUse "kubectl <command> --help" for more information about a given command.\n`;
}

/** cmdutil.DefaultSubCommandRun: help on stderr, or an unknown-command error, exit 1. */
function defaultSubCommandRun(inv: Invocation, help: string): number {
  if (inv.args.length > 0) {
    throw new KubectlError(`unknown command "${inv.args.join(" ")}"`, 1, `See 'kubectl ${inv.command.join(" ")} -h' for help and examples`);
  }
  inv.err(help);
  return 1;
}

export const create: Verb = {
  name: "create",
  summary: "Create a resource from a file or from stdin",
  usage: "kubectl create -f FILENAME [options]",
  flags: [
    ...FILENAME_FLAGS,
    { name: "selector", short: "l", type: "string", help: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    VALIDATE_FLAG,
    SAVE_CONFIG_FLAG,
    fieldManagerFlag("kubectl-create"),
    { name: "edit", type: "bool", help: "Edit the API resource before creating" },
    { name: "raw", type: "string", help: "Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file." },
    { name: "windows-line-endings", type: "bool", help: "Only relevant if --edit=true. Defaults to the line ending native to your platform." },
  ],
  run(inv) {
    const filenames = inv.flag<string[] | undefined>("filename") ?? [];
    if (filenames.length === 0 && !inv.isSet("kustomize")) {
      inv.err("Error: must specify one of -f and -k\n\n");
      return defaultSubCommandRun(inv, subcommandHelp("Create a resource from a file or from stdin.", SUBCOMMANDS, "kubectl create -f FILENAME [options]"));
    }
    if (inv.isSet("kustomize")) throw new KubectlError("kustomize (-k) is not supported by the simulated kubectl; create the manifests with -f");
    if (inv.flag<boolean | undefined>("edit")) throw new KubectlError("--edit is not supported by the simulated kubectl: there is no editor to open");
    if (inv.isSet("raw")) throw new KubectlError("--raw is not supported by the simulated kubectl");
    if (inv.args.length > 0) throw new KubectlError(`Unexpected args: [${inv.args.join(" ")}]`, 1, "See 'kubectl create -h' for help and examples");
    const dryRun = dryRunStrategy(inv);
    const fieldValidation = validationDirective(inv);
    const printer = new ObjectPrinter(inv, inv.flag<string | undefined>("output"), dryRun);
    const saveConfig = inv.flag<boolean | undefined>("save-config") ?? false;
    const { visits } = buildInfos(inv, { filenames: true, selector: inv.flag<string | undefined>("selector") });
    const errors: unknown[] = [];
    let count = 0;
    for (const v of visits) {
      if (!v.info) {
        errors.push(v.error);
        continue;
      }
      const r: ResourceInfo = v.info;
      let obj: KObject = r.object!;
      if (saveConfig) {
        obj = deepClone(obj);
        obj.metadata = { ...obj.metadata, annotations: { ...obj.metadata.annotations, [LAST_APPLIED_ANNOTATION]: lastAppliedValue(obj) } };
      }
      if (dryRun !== "client") {
        const request = requestOptions(inv, inv.flag<string>("field-manager") ?? "kubectl-create", { dryRun: dryRun === "server", fieldValidation });
        try {
          obj = inv.cluster.api.create(obj, request);
        } catch (e) {
          errors.push(addSourceToErr("creating", r.source, e));
          continue;
        } finally {
          printWarnings(inv, request.warnings);
        }
      }
      count++;
      printer.print(obj, "created", { info: r.info });
    }
    if (errors.length > 0) return finishWithErrors(inv, errors);
    if (count === 0) throw new KubectlError("no objects passed to create");
    return 0;
  },
};

export const createSecret: Verb = {
  name: "create secret",
  summary: "Create a secret using a specified subcommand",
  usage: "kubectl create secret (docker-registry | generic | tls) [options]",
  flags: [],
  run: (inv) =>
    defaultSubCommandRun(inv, subcommandHelp("Create a secret with specified type.", [["generic", "Create a secret from a local file, directory, or literal value"]], "kubectl create secret (docker-registry | generic | tls) [options]")),
};

export const createService: Verb = {
  name: "create service",
  aliases: ["create svc"],
  summary: "Create a service using a specified subcommand",
  usage: "kubectl create service [flags] [options]",
  flags: [],
  run: (inv) =>
    defaultSubCommandRun(
      inv,
      subcommandHelp(
        "Create a service using a specified subcommand.",
        [
          ["clusterip", "Create a ClusterIP service"],
          ["externalname", "Create an ExternalName service"],
          ["loadbalancer", "Create a LoadBalancer service"],
          ["nodeport", "Create a NodePort service"],
        ],
        "kubectl create service [flags] [options]",
      ),
    ),
};
