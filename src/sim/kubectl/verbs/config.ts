/**
 * `kubectl config view | current-context | get-contexts | use-context | set-context` on the simulated
 * kubeconfig (see kubeconfig.ts): certificate data shows as DATA+OMITTED as kubectl shows it without
 * --raw, and a context's namespace becomes the default namespace of later commands.
 */
import { KubectlError } from "../kubectl";
import { kubeconfigOf, type Kubeconfig } from "../kubeconfig";
import { genericPrinter, parseOutput } from "../printers/output";
import { formatTable } from "../printers/table";
import type { Invocation, Verb } from "../verb";

/** Placeholder PEM data for --raw: base64 of a certificate-shaped text. */
const RAW_DATA = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0JnZ3Foa2pPUFFRREFqQWpNU0V3SHdZRFZRUUREQmhyTTNNdGMyVnkKZG1WeUxXTmhRREUzTXpVMk9EazJNREF3SGhjTk1qVXdNVEF4TURBd01EQXdXaGNOTXpVd01UQXhNREF3TURBdwotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==";

function configObject(cfg: Kubeconfig, opts: { raw: boolean; minify: boolean }): Record<string, unknown> {
  const data = opts.raw ? RAW_DATA : "DATA+OMITTED";
  let contexts = cfg.contexts;
  let clusters = cfg.clusters;
  let users = cfg.users;
  if (opts.minify) {
    contexts = contexts.filter((c) => c.name === cfg.currentContext);
    clusters = clusters.filter((c) => contexts.some((x) => x.cluster === c.name));
    users = users.filter((u) => contexts.some((x) => x.user === u.name));
  }
  return {
    apiVersion: "v1",
    clusters: clusters.map((c) => ({ cluster: { "certificate-authority-data": data, server: c.server }, name: c.name })),
    contexts: contexts.map((c) => ({ context: { cluster: c.cluster, ...(c.namespace ? { namespace: c.namespace } : {}), user: c.user }, name: c.name })),
    "current-context": cfg.currentContext,
    kind: "Config",
    preferences: {},
    users: users.map((u) => ({ name: u.name, user: { "client-certificate-data": data, "client-key-data": data } })),
  };
}

export const configView: Verb = {
  name: "config view",
  summary: "Display merged kubeconfig settings or a specified kubeconfig file",
  usage: "kubectl config view [flags] [options]",
  flags: [
    { name: "output", short: "o", type: "string", default: "yaml", help: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)." },
    { name: "template", type: "string", help: "Template string or path to template file to use when -o=go-template, -o=go-template-file." },
    { name: "minify", type: "bool", help: "Remove all information not used by current-context from the output" },
    { name: "raw", type: "bool", help: "Display raw byte data and sensitive data" },
    { name: "flatten", type: "bool", help: "Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)" },
    { name: "merge", type: "string", default: "true", help: "Merge the full hierarchy of kubeconfig files" },
    { name: "allow-missing-template-keys", type: "bool", default: true, help: "If true, ignore any errors in templates when a field or map key is missing in the template." },
    { name: "show-managed-fields", type: "bool", help: "If true, keep the managedFields when printing objects in JSON or YAML format." },
  ],
  run(inv) {
    const format = parseOutput(inv, ["go-template", "go-template-file", "json", "jsonpath", "jsonpath-as-json", "jsonpath-file", "name", "template", "templatefile", "yaml"]);
    const obj = configObject(kubeconfigOf(inv.cluster), { raw: inv.flag<boolean>("raw") === true || inv.flag<boolean>("flatten") === true, minify: inv.flag<boolean>("minify") === true });
    if (format.kind === "human") throw new KubectlError(`unable to match a printer suitable for the output format "", allowed formats are: json,yaml`);
    const printer = genericPrinter(format, { showManagedFields: true, allowMissingTemplateKeys: inv.flag<boolean>("allow-missing-template-keys") !== false });
    inv.out(printer.print(obj as never));
    return 0;
  },
};

export const configCurrentContext: Verb = {
  name: "config current-context",
  summary: "Display the current-context",
  usage: "kubectl config current-context [options]",
  flags: [],
  run(inv) {
    const cfg = kubeconfigOf(inv.cluster);
    if (!cfg.currentContext) throw new KubectlError("current-context is not set");
    inv.out(`${cfg.currentContext}\n`);
    return 0;
  },
};

export const configGetContexts: Verb = {
  name: "config get-contexts",
  summary: "Describe one or many contexts",
  usage: "kubectl config get-contexts [(-o|--output=)name)] [options]",
  flags: [
    { name: "output", short: "o", type: "string", help: "Output format. One of: (name)." },
    { name: "no-headers", type: "bool", help: "When using the default or custom-column output format, don't print headers (default print headers)." },
  ],
  run(inv) {
    const cfg = kubeconfigOf(inv.cluster);
    const output = inv.flag<string | undefined>("output") ?? "";
    if (output !== "" && output !== "name") throw new KubectlError(`output must be one of '' or 'name'`);
    let contexts = [...cfg.contexts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (inv.args.length > 0) {
      for (const name of inv.args) if (!cfg.contexts.some((c) => c.name === name)) throw new KubectlError(`context ${name} not found`);
      contexts = contexts.filter((c) => inv.args.includes(c.name));
    }
    if (output === "name") {
      inv.out(contexts.map((c) => `${c.name}\n`).join(""));
      return 0;
    }
    const rows = contexts.map((c) => [c.name === cfg.currentContext ? "*" : "", c.name, c.cluster, c.user, c.namespace ?? ""]);
    inv.out(formatTable(inv.flag<boolean>("no-headers") ? rows : [["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"], ...rows]));
    return 0;
  },
};

export const configUseContext: Verb = {
  name: "config use-context",
  aliases: ["config use"],
  summary: "Set the current-context in a kubeconfig file",
  usage: "kubectl config use-context CONTEXT_NAME [options]",
  flags: [],
  run(inv) {
    const name = inv.args[0];
    if (!name) throw new KubectlError("Unexpected args: []", 1, "See 'kubectl config use-context -h' for help and examples");
    const cfg = kubeconfigOf(inv.cluster);
    if (!cfg.contexts.some((c) => c.name === name)) throw new KubectlError(`no context exists with the name: "${name}"`);
    cfg.currentContext = name;
    inv.out(`Switched to context "${name}".\n`);
    return 0;
  },
};

export const configSetContext: Verb = {
  name: "config set-context",
  summary: "Set a context entry in kubeconfig",
  usage: "kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]",
  flags: [
    { name: "current", type: "bool", help: "Modify the current context" },
    { name: "cluster", type: "string", help: "cluster for the context entry in kubeconfig" },
    { name: "user", type: "string", help: "user for the context entry in kubeconfig" },
  ],
  run(inv: Invocation) {
    const cfg = kubeconfigOf(inv.cluster);
    const current = inv.flag<boolean>("current") === true;
    if (current && inv.args.length > 0) throw new KubectlError("you cannot specify both a context name and --current");
    const name = current ? cfg.currentContext : inv.args[0];
    if (!name) throw new KubectlError("you must specify a non-empty context name or --current");
    let ctx = cfg.contexts.find((c) => c.name === name);
    const created = !ctx;
    if (!ctx) {
      ctx = { name, cluster: "", user: "" };
      cfg.contexts.push(ctx);
    }
    if (inv.isSet("cluster")) ctx.cluster = inv.flag<string>("cluster") ?? "";
    if (inv.isSet("user")) ctx.user = inv.flag<string>("user") ?? "";
    if (inv.isSet("namespace")) ctx.namespace = inv.flag<string>("namespace") || undefined;
    inv.out(`Context "${name}" ${created ? "created" : "modified"}.\n`);
    return 0;
  },
};

/** Every `kubectl config` verb this simulation serves. */
export const CONFIG_VERBS: Verb[] = [configView, configCurrentContext, configGetContexts, configUseContext, configSetContext];
