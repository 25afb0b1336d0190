/**
 * A pod as a chip: a small square whose colour and glyph say its state, labelled with its name and
 * status for assistive technology and on hover. Used when there are too many pods for cards.
 */
import { memo } from "react";
import { ui } from "../../store/store";
import { usePod, usePodView } from "../../store/use-pod";
import { podLabel, podStatusText } from "../labels";
import { TONE_CLASS, TONE_GLYPH, toneOf } from "./status";

export const PodChip = memo(function PodChip({ podKey }: { podKey: string }) {
  const pod = usePod(podKey);
  const view = usePodView(podKey);
  if (!pod) return null;
  const status = podStatusText(pod, view);
  const tone = toneOf(status);
  const label = podLabel(pod, view);
  // The glyph is the chip's own text: an image's content is not read out (its label is), and one
  // element per chip instead of two halves what the browser restyles when hundreds change state.
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      onClick={() => ui.select(`Pod/${podKey}`)}
      className={`pod-chip inline-flex h-4 w-4 items-center justify-center rounded-[3px] text-[9px] leading-none ring-1 ${TONE_CLASS[tone]}`}
    >
      {TONE_GLYPH[tone]}
    </span>
  );
});
