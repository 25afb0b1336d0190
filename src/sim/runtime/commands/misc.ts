/** Small tools: pagers, vi, su, watch. */
import { defineCommand, type Command } from "just-bash";
import { runChildBlocking } from "./children";
import { type CommandEnv, fail } from "./util";

export function miscCommands(env: CommandEnv): Command[] {
  const { ctx } = env;
  // Without a terminal, pagers just copy their input.
  const pager = (name: string) =>
    defineCommand(name, async (args, c) => {
      if (!c.exec) return fail(`${name}: cannot run`);
      return c.exec(args.length ? `cat ${args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ")}` : "cat", { cwd: c.cwd, stdin: new TextDecoder().decode(new Uint8Array(0)) });
    });
  const vi = defineCommand("vi", async () => fail("vi: can't read user input", 1));
  const su = defineCommand("su", async () => fail(ctx.container.userland === "busybox" ? "su: must be suid to work properly" : "su: Authentication failure"));
  const watch = defineCommand("watch", async (args, c) => {
    let interval = 2000;
    let i = 0;
    if (args[0] === "-n") {
      interval = Number(args[1]) * 1000;
      i = 2;
    }
    const command = args.slice(i).join(" ");
    if (!command || !c.exec) return fail("watch: no command");
    const code = await runChildBlocking(env, ["watch", ...args], async (child) => {
      for (;;) {
        const r = await c.exec!(command, { cwd: c.cwd });
        ctx.out(`Every ${(interval / 1000).toFixed(1)}s: ${command}\n\n${r.stdout}`);
        await child.sleep(interval);
      }
    });
    return { stdout: "", stderr: "", exitCode: code };
  });
  return [pager("less"), pager("more"), vi, su, watch];
}
