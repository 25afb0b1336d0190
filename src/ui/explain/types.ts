/** An explanation of a Kubernetes term for learners. */
export interface Explanation {
  /** The term as Kubernetes writes it ("CrashLoopBackOff", "PodScheduled"). */
  title: string;
  /** One to three sentences: what it means and why it happens. */
  summary: string;
  /** What to look at next, or a common trap. */
  more?: string;
  /** The Kubernetes documentation page about it. */
  docs?: string;
}
