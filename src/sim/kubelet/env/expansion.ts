/**
 * `$(VAR)` expansion as Kubernetes does it in env values, command and args
 * (third_party/forked/golang/expansion): `$(NAME)` becomes the variable's value when it is defined
 * and stays as written when it is not; `$$` is an escaped `$`; anything else is left alone.
 */

/** Expands `input` with `lookup` (undefined = not defined). */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  if (!input.includes("$")) return input;
  let out = "";
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== "$" || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let read: string;
    let advance = 1;
    if (rest[0] === "$") {
      read = "$";
    } else if (rest[0] === "(") {
      const close = rest.indexOf(")", 1);
      if (close < 0) {
        read = "$(";
      } else {
        const name = rest.slice(1, close);
        const v = lookup(name);
        read = v === undefined ? `$(${name})` : v;
        advance = close + 1;
      }
    } else {
      read = `$${rest[0]}`;
    }
    out += read;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/** A lookup over maps, first match wins (MappingFuncFor). */
export function lookupIn(...maps: ReadonlyMap<string, string>[]): (name: string) => string | undefined {
  return (name) => {
    for (const m of maps) {
      const v = m.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  };
}
