/** `kubectl api-resources`: the kinds the server serves. */
import { apiVersionOf, KINDS } from "../../api/kinds";
import { formatTable } from "../printers/table";
import type { Verb } from "../verb";

export const apiResources: Verb = {
  name: "api-resources",
  summary: "Print the supported API resources on the server",
  usage: "kubectl api-resources [flags] [options]",
  flags: [
    { name: "namespaced", type: "bool", default: true, help: "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default." },
    { name: "api-group", type: "string", help: "Limit to resources in the specified API group." },
    { name: "output", short: "o", type: "string", help: "Output format. One of: (wide, name)." },
    { name: "no-headers", type: "bool", help: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: "sort-by", type: "string", help: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: "verbs", type: "stringArray", help: "Limit to resources that support the specified verbs." },
    { name: "cached", type: "bool", help: "Use the cached list of resources if available." },
    { name: "categories", type: "stringArray", help: "Limit to resources that belong to the specified categories." },
  ],
  run(inv) {
    let kinds = [...KINDS];
    if (inv.isSet("namespaced")) kinds = kinds.filter((k) => k.namespaced === inv.flag<boolean>("namespaced"));
    if (inv.isSet("api-group")) kinds = kinds.filter((k) => k.group === inv.flag("api-group"));
    const verbs = inv.flag<string[] | undefined>("verbs") ?? [];
    if (verbs.length > 0) kinds = kinds.filter((k) => verbs.every((v) => k.verbs.includes(v)));
    const cats = inv.flag<string[] | undefined>("categories") ?? [];
    if (cats.length > 0) kinds = kinds.filter((k) => cats.every((c) => k.categories?.includes(c)));
    const sortBy = inv.flag<string | undefined>("sort-by");
    if (sortBy === "name") kinds.sort((a, b) => a.plural.localeCompare(b.plural));
    if (sortBy === "kind") kinds.sort((a, b) => a.kind.localeCompare(b.kind));
    const output = inv.flag<string | undefined>("output");
    if (output === "name") {
      inv.out(kinds.map((k) => (k.group ? `${k.plural}.${k.group}` : k.plural)).join("\n") + "\n");
      return 0;
    }
    const wide = output === "wide";
    const header = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", ...(wide ? ["VERBS", "CATEGORIES"] : [])];
    const rows = kinds.map((k) => [
      k.plural,
      k.shortNames.join(","),
      apiVersionOf(k),
      String(k.namespaced),
      k.kind,
      ...(wide ? [`[${k.verbs.join(" ")}]`, k.categories ? `[${k.categories.join(" ")}]` : ""] : []),
    ]);
    inv.out(formatTable(inv.flag<boolean>("no-headers") ? rows : [header, ...rows]));
    return 0;
  },
};
