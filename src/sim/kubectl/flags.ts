/**
 * Flag parsing as kubectl's pflag does it: `--name=value`, `--name value`, `-n value`, `-nvalue`,
 * boolean flags with optional `=true|false`, repeated flags for lists, and `--` ending flags.
 */

export type FlagType = "bool" | "string" | "int" | "stringArray" | "duration";

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | number | boolean | string[];
  /** One-line help, printed by `--help`. */
  help?: string;
  /** A string flag that may be given bare (`--dry-run` means `--dry-run=client`... kubectl does "unchanged"). */
  noOptDefault?: string;
}

export type FlagValue = string | number | boolean | string[];

export interface ParsedArgs {
  positional: string[];
  /** Words after a bare `--` (exec's command). */
  afterDash: string[] | undefined;
  values: Map<string, FlagValue>;
  /** Flags the user set explicitly. */
  set: Set<string>;
}

export class FlagError extends Error {}

/** Parses argv against the flag specs. Unknown flags are errors, with pflag's wording. */
export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedArgs {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const s of specs) {
    byName.set(s.name, s);
    if (s.short) byShort.set(s.short, s);
  }
  const values = new Map<string, FlagValue>();
  const set = new Set<string>();
  const positional: string[] = [];
  let afterDash: string[] | undefined;

  const assign = (spec: FlagSpec, raw: string, shown: string) => {
    set.add(spec.name);
    switch (spec.type) {
      case "bool": {
        if (raw !== "true" && raw !== "false") throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
        values.set(spec.name, raw === "true");
        break;
      }
      case "int": {
        if (!/^-?\d+$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
        values.set(spec.name, Number(raw));
        break;
      }
      case "stringArray": {
        const prev = (values.get(spec.name) as string[] | undefined) ?? [];
        values.set(spec.name, [...prev, raw]);
        break;
      }
      default:
        values.set(spec.name, raw);
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      afterDash = argv.slice(i + 1);
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      const shown = `--${name}`;
      if (eq >= 0) assign(spec, a.slice(eq + 1), shown);
      else if (spec.type === "bool") assign(spec, "true", shown);
      else if (spec.noOptDefault !== undefined) assign(spec, spec.noOptDefault, shown);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        assign(spec, argv[++i], shown);
      }
    } else if (a.startsWith("-") && a.length > 1 && a !== "-") {
      // Shorthand cluster: -it, -n ns, -nns, -l=app
      let j = 1;
      while (j < a.length) {
        const ch = a[j];
        const spec = byShort.get(ch);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${ch}' in ${a}`);
        const shown = `-${ch}, --${spec.name}`;
        if (spec.type === "bool") {
          if (a[j + 1] === "=") {
            assign(spec, a.slice(j + 2), shown);
            break;
          }
          assign(spec, "true", shown);
          j++;
          continue;
        }
        let rest = a.slice(j + 1);
        if (rest.startsWith("=")) rest = rest.slice(1);
        if (rest.length > 0) assign(spec, rest, shown);
        else if (spec.noOptDefault !== undefined) assign(spec, spec.noOptDefault, shown);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`);
          assign(spec, argv[++i], shown);
        }
        break;
      }
    } else {
      positional.push(a);
    }
  }
  for (const s of specs) {
    if (!values.has(s.name) && s.default !== undefined) values.set(s.name, s.default);
  }
  return { positional, afterDash, values, set };
}
