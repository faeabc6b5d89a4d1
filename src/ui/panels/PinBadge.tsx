// A frame's FOLL_PIN pins (hmm-model-v2.md M): a badge with the count, on host and device frames.

/** ", pinned ×n" for a frame's accessible label; empty when unpinned. */
export const pinnedText = (pins: number): string => (pins > 0 ? `, pinned ×${pins}` : '');

export function PinBadge({ pins }: { pins: number }) {
  if (pins <= 0) return null;
  return (
    <span
      className="c-pin"
      data-pins={pins}
      title={`pinned ${pins}× (FOLL_PIN): no migration moves this frame until unpin_user_pages`}
    >
      pin {pins}
    </span>
  );
}
