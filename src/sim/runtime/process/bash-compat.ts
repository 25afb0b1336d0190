/**
 * The few just-bash helpers the runtime needs that only its Node build exports: the app loads
 * just-bash's browser build (Vite picks the "browser" export), which exports only Bash, the
 * filesystems and defineCommand. Each helper here is built on that shared public surface, so the
 * simulation behaves the same in Node and in the Worker.
 */
import { Bash, type ByteString, type ScriptNode, type TransformContext, type TransformResult } from "just-bash";
import { utf8Decode } from "../../util/base64";

/** Tags a latin1 byte buffer (one char per byte) as just-bash's ByteString, which it is at run time. */
export function unsafeBytesFromLatin1(s: string): ByteString {
  return s as unknown as ByteString;
}

/** Decodes a ByteString as UTF-8, falling back to the raw latin1 view when it is not valid UTF-8. */
export function decodeBytesToUtf8(b: ByteString): string {
  const raw = b as unknown as string;
  if (!/[\x80-\xff]/.test(raw)) return raw;
  const bytes: number[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i) & 0xff;
  const text = utf8Decode(bytes);
  return text.includes("\ufffd") ? raw : text;
}

/**
 * Serialises a script AST back to shell text. Bash.transform() parses a script, runs the registered
 * transform plugins and serialises the result; a plugin that swaps in the wanted AST turns it into a
 * serialiser.
 */
export function serialize(ast: ScriptNode): string {
  serializer ??= createSerializer();
  serializer.next = ast;
  try {
    return serializer.bash.transform("true").script;
  } finally {
    serializer.next = undefined;
  }
}

interface Serializer {
  bash: Bash;
  next: ScriptNode | undefined;
}

let serializer: Serializer | undefined;

function createSerializer(): Serializer {
  const s: Serializer = { bash: new Bash(), next: undefined };
  s.bash.registerTransformPlugin({
    name: "podlab-serialize",
    transform(context: TransformContext): TransformResult {
      return { ast: s.next ?? context.ast };
    },
  });
  return s;
}
