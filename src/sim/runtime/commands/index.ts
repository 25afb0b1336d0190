/**
 * The runtime's commands for a shell process: what just-bash lacks or would get wrong inside a
 * container (time, identity, processes, network, package managers, busybox wording). They take
 * precedence over just-bash's built-ins of the same name.
 */
import type { Command } from "just-bash";
import type { ShellFlavour } from "../process/flavour";
import type { ProgramContext } from "../programs/program";
import { execBridge } from "./exec-bridge";
import { fileCommands } from "./files";
import { identityCommands } from "./identity";
import { miscCommands } from "./misc";
import { netCommands } from "./net";
import { packageCommands } from "./packages";
import { procCommands } from "./procs";
import { systemCommands } from "./system";
import { tailCommand } from "./tail";
import { timeCommands } from "./time";
import type { CommandEnv, ShellState } from "./util";

export type { ShellState } from "./util";
export { newShellState } from "./util";

export function shellCommands(ctx: ProgramContext, flavour: ShellFlavour, shell: ShellState): Command[] {
  const env: CommandEnv = { ctx, flavour, shell };
  return [
    execBridge(env),
    ...timeCommands(env),
    ...identityCommands(env),
    ...procCommands(env),
    ...fileCommands(env),
    tailCommand(env),
    ...systemCommands(env),
    ...netCommands(env),
    ...packageCommands(env),
    ...miscCommands(env),
  ];
}
