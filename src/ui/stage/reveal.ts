// Keeps the device a step acts on in view. With three or four GPUs their column is taller
// than the window: a step on gpu3 would happen below the fold while the narration talks
// about it. The stage's scroller moves as little as it can to show that device's panel.

export interface Span {
  top: number;
  bottom: number;
}

/** A panel is in view when all of it shows, or it fills the view when it is the taller. */
export function inView(panel: Span, view: Span): boolean {
  const shown = Math.min(panel.bottom, view.bottom) - Math.max(panel.top, view.top);
  return shown >= Math.min(panel.bottom - panel.top, view.bottom - view.top) - 1;
}

/** Gap left between a revealed panel and the edge of the view. */
const MARGIN = 10;

/**
 * The scroll offset that brings `panel` into `view` with the least movement: its bottom to
 * the view's bottom when it is below, its top to the view's top when it is above or taller.
 */
export function scrollTarget(panel: Span, view: Span, scrollTop: number, maxTop: number): number {
  const tall = panel.bottom - panel.top > view.bottom - view.top - 2 * MARGIN;
  const delta =
    panel.top < view.top || tall
      ? panel.top - view.top - MARGIN
      : panel.bottom - view.bottom + MARGIN;
  return Math.max(0, Math.min(maxTop, Math.round(scrollTop + delta)));
}

function scrollerOf(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const { overflowY } = getComputedStyle(p);
    if ((overflowY === 'auto' || overflowY === 'scroll') && p.scrollHeight > p.clientHeight)
      return p;
  }
  return null;
}

/**
 * Whether `el` stays where it is while `scroller` scrolls: it lies outside it, or it or a
 * parent inside it is sticky (layout.css pins the narration and the CPU side on wide screens).
 */
function staysPut(el: Element, scroller: HTMLElement): boolean {
  if (!scroller.contains(el)) return true;
  for (let e: Element | null = el; e && e !== scroller; e = e.parentElement)
    if (getComputedStyle(e).position === 'sticky') return true;
  return false;
}

/** A smooth scroll that never ends (the user grabbed the scrollbar) must not hold a step. */
const SCROLL_WAIT_MS = 900;

/**
 * Scrolls the first of `devices`' panels into view unless one of them is in view already.
 * Returns a promise that settles when a smooth scroll has ended, or null when nothing moves
 * or the move was instant: the animation reads cell positions only once they hold still.
 */
export function reveal(
  stage: HTMLElement,
  devices: readonly number[],
  smooth: boolean,
): Promise<void> | null {
  const panels = devices.flatMap((d) => {
    const el = stage.querySelector<HTMLElement>(`[data-key="gpu-${d}"]`);
    return el ? [el] : [];
  });
  const scroller = panels.length ? scrollerOf(panels[0]) : null;
  if (!scroller) return null;
  const view = scroller.getBoundingClientRect();
  const boxes = panels.map((p) => p.getBoundingClientRect());
  if (boxes.some((b) => inView(b, view))) return null;
  // On a narrow screen the GPUs sit below the CPU side and the narration: scrolling down to
  // them would take those out of view, so the view follows only where they stay put.
  const keep = [stage.querySelector('.host-panel'), document.querySelector('.narration')];
  if (keep.some((el) => el && !staysPut(el, scroller))) return null;
  const top = scrollTarget(
    boxes[0],
    view,
    scroller.scrollTop,
    scroller.scrollHeight - scroller.clientHeight,
  );
  if (top === scroller.scrollTop) return null;
  if (!smooth) {
    scroller.scrollTop = top;
    return null;
  }
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      scroller.removeEventListener('scrollend', done);
      resolve();
    };
    const timer = setTimeout(done, SCROLL_WAIT_MS);
    scroller.addEventListener('scrollend', done);
    scroller.scrollTo({ top, behavior: 'smooth' });
  });
}
