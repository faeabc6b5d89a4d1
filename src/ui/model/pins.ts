// How the kernel's folio refcount reads with pins on it (hmm-model-v2.md, "Pins"): the engine
// keeps one reference per pin; FOLL_PIN on a small folio adds GUP_PIN_COUNTING_BIAS instead,
// which is what folio_maybe_dma_pinned() tests (refcount ≥ 1024).
import type { VPage, World } from '../../engine/state.ts';

export const GUP_PIN_COUNTING_BIAS = 1024;

interface Counted {
  readonly ref: number;
  readonly pins: number;
}

/** The refcount as folio_ref_count() would read it: one per mapping or transient
 *  reference, plus GUP_PIN_COUNTING_BIAS per pin. */
export const kernelRefcount = (p: Counted): number =>
  p.ref - p.pins + GUP_PIN_COUNTING_BIAS * p.pins;

/** The inspector's refcount line: the number, and where it comes from when pinned. */
export function refcountText(p: Counted): string {
  const n = kernelRefcount(p);
  if (p.pins === 0) return String(n);
  const rest = p.ref - p.pins;
  return `${n} = ${p.pins} pin${p.pins > 1 ? 's' : ''} × ${GUP_PIN_COUNTING_BIAS} + ${rest}`;
}

/** What a pin means here, for the inspector. */
export function pinsText(pins: number): string {
  if (pins === 0) return '0 (folio_maybe_dma_pinned() false: migration may move it)';
  return `${pins} (FOLL_PIN adds GUP_PIN_COUNTING_BIAS to the refcount per pin; folio_maybe_dma_pinned() is true, so no migration moves it until unpin_user_pages)`;
}

/** The device whose MEMORY_DEVICE_COHERENT frame a CPU entry maps, or -1 (host, or none). */
export function coherentHome(vp: VPage): number {
  if (vp.state === 'present' || vp.state === 'device-exclusive') return vp.loc;
  return vp.state === 'migration' && vp.dev < 0 ? vp.loc : -1;
}

/** Pins on the frame a CPU entry maps (the CLI's pages[].pinned is this > 0). */
export function entryPins(vp: VPage, w: World): number {
  const mapsFrame =
    vp.state === 'present' ||
    vp.state === 'device-exclusive' ||
    (vp.state === 'migration' && vp.dev < 0);
  if (!mapsFrame || vp.frame < 0) return 0;
  const f = vp.loc < 0 ? w.hostFrames[vp.frame] : w.devices[vp.loc]?.frames[vp.frame];
  return f?.pins ?? 0;
}
