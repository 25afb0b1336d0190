/**
 * Live console commands: `kubectl get -w`, `kubectl events -w` and `kubectl logs -f`. In a terminal
 * they stream until Ctrl+C. In the worker they are not inputs of the history (what they print
 * depends on when the user stops them, and they change nothing): they watch while the host plays
 * time as usual, and stop when the page interrupts them or time is rewound.
 */
import { findVerb } from "../sim/kubectl/kubectl";
import { parseFlags } from "../sim/kubectl/flags";
import { GLOBAL_FLAGS, type StopSignal } from "../sim/kubectl/verb";
import { parseSession } from "../sim/session/session";

/** True when a console line is one kubectl command that streams until stopped. */
export function isLiveCommand(text: string): boolean {
  const commands = parseSession(text);
  if (commands.length !== 1 || commands[0].kind !== "kubectl") return false;
  const found = findVerb(commands[0].argv);
  if (!found) return false;
  let values: Map<string, unknown>;
  try {
    values = parseFlags(found.rest, [...GLOBAL_FLAGS, ...found.verb.flags]).values;
  } catch {
    return false;
  }
  if (values.get("help") === true) return false;
  switch (found.verb.name) {
    case "get":
      return values.get("watch") === true || values.get("watch-only") === true;
    case "events":
      return values.get("watch") === true;
    case "logs":
      return values.get("follow") === true;
    default:
      return false;
  }
}

/**
 * The stop signal of a live command: the host plays the clock (stepMs 0) and `tick` hands control
 * back to it for one frame; `stop()` is the page's Ctrl+C.
 */
export class LiveSignal implements StopSignal {
  stopped = false;
  readonly stepMs = 0;
  readonly untilStopped = true;

  constructor(readonly tick: () => Promise<void>) {}

  stop(): void {
    this.stopped = true;
  }
}
