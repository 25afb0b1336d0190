/**
 * Runs a fault or setting from the panel: its podlab line goes to the worker like a console command
 * (recorded with its virtual instant, shown in the console), and the panel keeps what it printed
 * and what Kubernetes will do next.
 */
import { create } from "zustand";
import type { CommandOutcome } from "../../worker/protocol";
import { bridge } from "../bridge";
import { faultLine, type FaultAction } from "./commands";
import { reactionTo } from "./reactions";

/** One action taken from the panel. */
export interface FaultRecord {
  line: string;
  reaction: string;
  outcome?: CommandOutcome;
  /** The worker restarted before it answered. */
  lost?: boolean;
}

interface FaultLog {
  last?: FaultRecord;
}

export const useFaultLog = create<FaultLog>()(() => ({}));

export async function runFault(action: FaultAction): Promise<CommandOutcome | undefined> {
  const line = faultLine(action);
  const record: FaultRecord = { line, reaction: reactionTo(action) };
  useFaultLog.setState({ last: record });
  const outcome = await bridge.run(line);
  // A later action may have replaced this one meanwhile.
  if (useFaultLog.getState().last === record) useFaultLog.setState({ last: { ...record, ...(outcome ? { outcome } : { lost: true }) } });
  return outcome;
}
