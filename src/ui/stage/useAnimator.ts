import { useEffect, useRef } from 'react';
import { animate, clear } from '../anim/animator.ts';
import { effects, STILL } from '../anim/effects.ts';
import { tokenLayer, type TokenLayer } from '../anim/tokenLayer.ts';
import { coherentAccess } from '../model/access.ts';
import { actingDevices } from '../model/subject.ts';
import { onSeekRequest } from '../store/seekRequests.ts';
import { useLab } from '../store/store.ts';
import { STEP_MS } from '../transport/usePlayback.ts';
import { reveal } from './reveal.ts';

// One query list, read on every step: matchMedia builds a new one per call.
let motionQuery: MediaQueryList | null = null;
const reduced = () =>
  (motionQuery ??= window.matchMedia('(prefers-reduced-motion: reduce)')).matches;

const layers = new WeakMap<HTMLCanvasElement, TokenLayer>();
const layerOf = (c: HTMLCanvasElement) => {
  let l = layers.get(c);
  if (!l) layers.set(c, (l = tokenLayer(c)));
  return l;
};

/**
 * Subscribe the animation layer to frame changes; returns the ref for the stage element.
 * Each step also brings the device it acts on into view (reveal.ts) before anything moves.
 */
export function useAnimator() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Bumped by every step asked for and every step shown: a frame that waits (for the next
    // animation frame, or for a scroll to end) plays only if nothing newer came meanwhile.
    let latest = 0;
    // A new step is on its way: hold the last one's motion still (its frame clears or replaces
    // it), since painting it meanwhile would hold off the worker's answer on the main thread.
    const offRequest = onSeekRequest(() => {
      latest++;
      const canvas = ref.current?.querySelector<HTMLCanvasElement>('canvas.tokens');
      if (canvas) layers.get(canvas)?.halt();
    });
    const offFrame = useLab.subscribe((s, prev) => {
      if (s.frame === prev.frame || !s.frame) return;
      const { waypoint: wp, world } = s.frame;
      const names = world.devices.map((d) => d.name);
      const acting = actingDevices(wp, names);
      // Before the first frame there is no stage yet: nothing moves, only the view follows.
      const stage = ref.current;
      const svg = stage?.querySelector<SVGSVGElement>('svg.overlay');
      const canvas = stage?.querySelector<HTMLCanvasElement>('canvas.tokens');
      // The layer is made in the first animation frame, not here or on a seek request: its
      // getContext costs 1–4 ms cold, between the click and the step on screen. Until then
      // nothing is moving, so there is nothing to halt or clear.
      const tokens = canvas ? layers.get(canvas) : undefined;
      // A step back or a jump also takes the hover pointer away: its page may map elsewhere now.
      if (svg && (s.motion !== 'forward' || reduced())) clear(svg, tokens);
      // A waypoint that changes nothing animates nothing: clear now, and read the layout in the
      // next frame only if a device it names may need bringing into view.
      // A load from a coherent frame changes nothing, yet travels (anim/effects.ts).
      const still = !canvas || reduced() || (!wp.changes.length && !coherentAccess(wp, names));
      if (still) tokens?.clear();
      if (still && acting.length === 0) return;
      // Wait for React to commit the new frame so the cells are where they will be. The
      // effects are worked out there too, not here between the worker's answer and the render.
      const forward = s.motion === 'forward';
      const ms = STEP_MS / s.speed;
      // Stepping by hand glides to the device; playing, scrubbing or reduced motion jumps.
      const smooth = !reduced() && !s.playing && s.motion !== 'jump';
      const mine = ++latest;
      requestAnimationFrame(() => {
        const shown = ref.current;
        if (mine !== latest || !shown) return;
        const play = () => {
          // Pages travel only forward; whichever way the step went, what it changed pops.
          if (mine === latest && !still && canvas)
            animate(shown, layerOf(canvas), forward ? effects(wp, world) : STILL, ms);
        };
        const scrolling = acting.length ? reveal(shown, acting, smooth) : null;
        if (scrolling) void scrolling.then(play);
        else play();
      });
    });
    return () => {
      offRequest();
      offFrame();
    };
  }, []);
  return ref;
}
