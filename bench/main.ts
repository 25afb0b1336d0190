/**
 * The benchmark runner: `npm run bench` runs every benchmark file in bench/ (each exports `benches`),
 * `npm run bench -- --only <name>` only those whose file or bench name contains <name>. Benchmarks
 * print figures — throughput, wall time, cost per unit — never pass/fail verdicts.
 *
 * To add one: create bench/<area>.ts exporting `export const benches: Bench[] = [...]`.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** One benchmark: a name, and a run that prints its figures through `report`. */
export interface Bench {
  name: string;
  run(report: (line: string) => void): Promise<void> | void;
}

async function main(argv: string[]): Promise<number> {
  const i = argv.indexOf("--only");
  const only = i >= 0 ? argv[i + 1] : undefined;
  if (i >= 0 && !only) {
    process.stderr.write("usage: npm run bench -- [--only <name>]\n");
    return 2;
  }
  const dir = dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && f !== "main.ts" && !f.endsWith(".test.ts") && !f.endsWith(".d.ts"))
    .sort();
  let ran = 0;
  let failed = 0;
  for (const file of files) {
    const area = file.replace(/\.ts$/, "");
    let mod: { benches?: Bench[] };
    try {
      mod = (await import(pathToFileURL(join(dir, file)).href)) as { benches?: Bench[] };
    } catch (e) {
      process.stderr.write(`${file}: cannot load: ${(e as Error).message}\n`);
      failed++;
      continue;
    }
    for (const bench of mod.benches ?? []) {
      const label = `${area}/${bench.name}`;
      if (only && !label.includes(only)) continue;
      process.stdout.write(`\n== ${label}\n`);
      try {
        await bench.run((line) => process.stdout.write(`   ${line}\n`));
      } catch (e) {
        process.stderr.write(`${label}: failed: ${(e as Error).stack ?? e}\n`);
        failed++;
      }
      ran++;
    }
  }
  if (ran === 0) {
    process.stderr.write(only ? `no benchmark matches "${only}"\n` : "no benchmarks found\n");
    return 1;
  }
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
