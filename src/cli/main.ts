/**
 * The headless runner: `npm run podlab -- run SESSION [--jsonl] [--seed N]`. Replays a session file
 * against a fresh simulated cluster and prints a transcript, or one JSON object per command.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createCluster } from "../sim";
import type { FileSource } from "../sim/kubectl/verb";
import { formatRecord, runSession } from "../sim/session/session";

const USAGE = `Usage:
  podlab run SESSION [--jsonl] [--seed N]

Replays SESSION (a file of kubectl commands, "sleep DURATION" and "podlab ..." lines) against a
fresh simulated cluster. -f paths in the session are relative to the session file's folder.

  --jsonl    print one JSON object per command: {"line","command","time","exitCode","stdout","stderr"}
  --seed N   seed of the simulation's random source (default 1)
`;

/** Reads files relative to a folder, refusing nothing but what does not exist. */
export function diskFiles(baseDir: string): FileSource {
  return {
    readFile(path) {
      try {
        const full = resolve(baseDir, path);
        if (!statSync(full).isFile()) return undefined;
        return readFileSync(full, "utf8");
      } catch {
        return undefined;
      }
    },
    listDir(path) {
      try {
        const full = resolve(baseDir, path);
        if (!statSync(full).isDirectory()) return undefined;
        // Every entry, subdirectories included: -f filters by extension itself, -R descends, and
        // create configmap --from-file=DIR reads every file.
        return readdirSync(full)
          .sort()
          .map((f) => join(path, f));
      } catch {
        return undefined;
      }
    },
  };
}

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb !== "run") {
    process.stderr.write(USAGE);
    return verb === undefined || verb === "help" || verb === "--help" ? 0 : 2;
  }
  let jsonl = false;
  let seed: number | undefined;
  let file: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === "--jsonl") jsonl = true;
    else if (a === "--seed") seed = Number(rest[++i]);
    else if (a.startsWith("--seed=")) seed = Number(a.slice(7));
    else if (!file) file = a;
    else {
      process.stderr.write(`podlab: unexpected argument ${a}\n${USAGE}`);
      return 2;
    }
  }
  if (!file) {
    process.stderr.write(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    process.stderr.write(`podlab: cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const cluster = createCluster({ seed });
  await runSession(cluster, text, diskFiles(dirname(resolve(file))), (record) => {
    process.stdout.write(jsonl ? `${JSON.stringify(record)}\n` : formatRecord(record));
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`podlab: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
