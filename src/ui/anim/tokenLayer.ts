// Travelling pages drawn on one canvas by one requestAnimationFrame loop: a step can move
// hundreds of pages at once, and hundreds of SVG elements animated by their own transitions
// cost more than a frame. A trail revealed along the route, a labelled token riding it, both
// fading once it arrives; the step's waves, ripples, pointers and pops (marks.ts) share the loop.
import { easeCubicInOut } from 'd3-ease';
import { drawMark, endOf, extentOf, type Mark } from './marks.ts';
import { boundsOf, lengthOf, pointAt, traceUpTo, type Route } from './route.ts';

const TOKEN_W = 30;
const TOKEN_H = 18;
const TRAIL_ALPHA = 0.6;
/** Canvas sizes grow in steps of this many device pixels. */
const SLACK = 64;
/** A canvas up to this many pixels is kept however small the next play: uploading it is cheap. */
const KEEP_PX = 512 * 512;

/**
 * The size to reallocate the canvas to for a play that needs `w`×`h` device pixels, or null to
 * draw into the top-left of the one it has. A new canvas is costly here: the compositor's copies
 * of it land in fresh memory for its next frames (a 1024² canvas reallocated on every frame
 * spent ~17 ms per frame in the commit, against ~2 ms reused). So it grows with slack (a route a
 * pixel longer than the last must not cost a new canvas every step) and shrinks only when it is
 * big and far too big, when its upload on every frame outweighs a reallocation.
 */
export function reallocation(
  have: { width: number; height: number },
  w: number,
  h: number,
): [number, number] | null {
  const area = have.width * have.height;
  const grow = w > have.width || h > have.height;
  if (!grow && !(area > KEEP_PX && w * h * 4 < area)) return null;
  const withSlack = (n: number) => Math.ceil(n / SLACK) * SLACK;
  return [withSlack(w), withSlack(h)];
}

export interface Flight {
  route: Route;
  label: string;
  /** Device index for the colour; -1 = host. */
  dev: number;
  delay: number;
  dur: number;
  /** How long the token and the trail take to fade once the token arrives. */
  tokenFade: number;
  trailFade: number;
  /** The cell it lands in, marked data-arriving until the token gets there. */
  dest: Element | null;
}

interface Running extends Flight {
  len: number;
  arrived: boolean;
  /** Token width: wide enough for its label (a group's "p0–511 home"). */
  w: number;
}

export interface TokenLayer {
  /** Start `flights` and `marks` now, replacing anything still running. */
  play(flights: Flight[], marks?: Mark[]): void;
  /** Stop drawing and leave the canvas as it is, for a play or clear that follows shortly:
   *  unlike clear, it asks for no new frame. */
  halt(): void;
  clear(): void;
}

export function tokenLayer(canvas: HTMLCanvasElement): TokenLayer {
  const ctx = canvas.getContext('2d')!;
  let running: Running[] = [];
  let marks: Mark[] = [];
  let t0 = 0;
  let raf = 0;
  let colours = { host: '', dev: [] as string[], panel: '', font: '', inval: '', ink: '', hl: '' };

  const land = (f: Running) => {
    if (!f.arrived) f.dest?.removeAttribute('data-arriving');
    f.arrived = true;
  };

  /** Every pixel transparent, whatever transform the drawing uses. */
  const wipe = () => {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.restore();
  };

  const frame = (now: number) => {
    raf = 0;
    const t = now - t0;
    wipe();
    let live = 0;
    for (const m of marks) {
      if (t >= endOf(m)) continue;
      live++;
      drawMark(ctx, m, t, colours);
    }
    for (const f of running) {
      const moving = Math.min(1, Math.max(0, (t - f.delay) / f.dur));
      const after = t - f.delay - f.dur;
      if (moving >= 1) land(f);
      if (after >= Math.max(f.trailFade, f.tokenFade)) continue;
      live++;
      const colour = f.dev >= 0 ? colours.dev[f.dev % 4] : colours.host;
      const travelled = easeCubicInOut(moving) * f.len;
      const trailAlpha =
        after > 0
          ? TRAIL_ALPHA * (1 - easeCubicInOut(Math.min(1, after / f.trailFade)))
          : TRAIL_ALPHA;
      if (travelled > 0 && trailAlpha > 0) {
        ctx.globalAlpha = trailAlpha;
        ctx.strokeStyle = colour;
        ctx.lineWidth = 2.5;
        ctx.lineCap = 'round';
        ctx.beginPath();
        traceUpTo(ctx, f.route, travelled);
        ctx.stroke();
      }
      const tokenAlpha = after > 0 ? 1 - easeCubicInOut(Math.min(1, after / f.tokenFade)) : 1;
      if (tokenAlpha > 0) {
        const [x, y] = pointAt(f.route, travelled);
        ctx.globalAlpha = tokenAlpha;
        ctx.beginPath();
        ctx.roundRect(x - f.w / 2, y - TOKEN_H / 2, f.w, TOKEN_H, 4);
        ctx.fillStyle = colour;
        ctx.fill();
        ctx.strokeStyle = colours.panel;
        ctx.lineWidth = 1.5;
        ctx.stroke();
        ctx.fillStyle = '#fff';
        ctx.fillText(f.label, x, y);
      }
    }
    ctx.globalAlpha = 1;
    if (live) raf = requestAnimationFrame(frame);
    else clear();
  };

  const clear = () => {
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
    running.forEach(land);
    running = [];
    marks = [];
    // Wiped and hidden, not resized to nothing: releasing a drawn canvas's memory took up to
    // 10 ms here, and clear runs while the worker's answer waits. Hidden, it costs the
    // compositor nothing.
    if (canvas.style.visibility !== 'hidden') {
      wipe();
      canvas.style.visibility = 'hidden';
    }
    delete canvas.dataset.flying;
    delete canvas.dataset.popping;
  };

  return {
    halt() {
      if (raf) cancelAnimationFrame(raf);
      raf = 0;
    },
    play(flights, withMarks = []) {
      // Colours first, while the styles are clean (the caller has just read the layout):
      // after this function's own style writes, reading them would recompute the page's style.
      const cs = getComputedStyle(canvas);
      const v = (name: string) => cs.getPropertyValue(name).trim();
      colours = {
        host: v('--host'),
        dev: [0, 1, 2, 3].map((d) => v(`--dev${d}`)),
        panel: v('--panel'),
        font: `700 10px ${v('--mono') || 'monospace'}`,
        inval: v('--inval'),
        ink: v('--ink'),
        hl: v('--hl'),
      };
      clear();
      if (!flights.length && !withMarks.length) return;
      // The canvas covers only where things move: the compositor uploads the whole canvas on
      // every frame it changes, and a stage-sized one costs more than the drawing.
      // Labels longer than a page number (a group's) widen their token; measured once a play.
      ctx.font = colours.font;
      const widths = flights.map((f) =>
        f.label.length > 4 ? Math.max(TOKEN_W, ctx.measureText(f.label).width + 10) : TOKEN_W,
      );
      const m = widths.reduce((a, b) => Math.max(a, b), TOKEN_H) / 2 + 4;
      let box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const f of flights) box = boundsOf(f.route, m, box);
      for (const k of withMarks) {
        const [a, b, c, d] = extentOf(k);
        box = [Math.min(box[0], a), Math.min(box[1], b), Math.max(box[2], c), Math.max(box[3], d)];
      }
      const [x0, y0, x1, y1] = box;
      const dpr = window.devicePixelRatio || 1;
      const w = Math.ceil((x1 - x0) * dpr);
      const h = Math.ceil((y1 - y0) * dpr);
      const size = reallocation(canvas, w, h);
      if (size) [canvas.width, canvas.height] = size;
      // Placed by a transform, so a play that keeps the canvas's size changes no layout: the
      // caller has just read it, and the frame would lay the page out a second time.
      Object.assign(canvas.style, {
        transform: `translate(${x0}px, ${y0}px)`,
        width: `${canvas.width / dpr}px`,
        height: `${canvas.height / dpr}px`,
        visibility: 'visible',
      });
      ctx.setTransform(dpr, 0, 0, dpr, -x0 * dpr, -y0 * dpr);
      ctx.font = colours.font;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      running = flights.map((f, i) => ({
        ...f,
        len: lengthOf(f.route),
        arrived: false,
        w: widths[i],
      }));
      marks = withMarks;
      for (const f of running) f.dest?.setAttribute('data-arriving', '');
      // What is on its way, for tests and tools: the pixels alone do not say which page it is.
      if (flights.length) canvas.dataset.flying = flights.map((f) => f.label).join(' ');
      const pops = withMarks.flatMap((k) => (k.kind === 'pop' ? [k.key] : []));
      if (pops.length) canvas.dataset.popping = pops.join(' ');
      t0 = performance.now();
      raf = requestAnimationFrame(frame);
    },
    clear,
  };
}
