/**
 * Timeline is the recorded history of the user's inputs: each input with the virtual instant it ran
 * at. The simulation is deterministic, so replaying these inputs on a fresh cluster with the same
 * seed rebuilds any past instant exactly. After a rewind the inputs ahead of the cursor are the
 * future of that history; running a new input there forks it (the old future is dropped).
 */
import type { RecordedInput } from "./protocol";

export class Timeline {
  private inputs: RecordedInput[] = [];
  /** Index of the next input to run; inputs before it have run on the current cluster. */
  private next = 0;

  constructor(inputs: readonly RecordedInput[] = []) {
    this.inputs = inputs.map((i) => ({ ...i }));
  }

  /** Every recorded input, in order. */
  all(): readonly RecordedInput[] {
    return this.inputs;
  }

  get length(): number {
    return this.inputs.length;
  }

  /** How many inputs have run on the current cluster. */
  get cursor(): number {
    return this.next;
  }

  /** The next recorded input not yet run, if any. */
  peek(): RecordedInput | undefined {
    return this.inputs[this.next];
  }

  /** Marks the next input as run and returns it. */
  advance(): RecordedInput | undefined {
    const input = this.inputs[this.next];
    if (input) this.next++;
    return input;
  }

  /** Starts over from the first input (a rebuild from scratch). */
  rewind(): void {
    this.next = 0;
  }

  /**
   * Records a new input run now. Inputs ahead of the cursor (a future left by a rewind) are
   * dropped: the history forks here. Returns the new length.
   */
  record(input: RecordedInput): number {
    const last = this.inputs[this.next - 1];
    if (last && input.at < last.at) throw new Error(`input at ${input.at} ms recorded before the previous one at ${last.at} ms`);
    this.inputs.length = this.next;
    this.inputs.push({ ...input });
    this.next = this.inputs.length;
    return this.inputs.length;
  }

  /** True when recorded inputs lie ahead of the cursor. */
  get hasFuture(): boolean {
    return this.next < this.inputs.length;
  }
}
