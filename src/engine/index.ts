// The engine's public surface: pure, deterministic, no DOM, clock or randomness.
export { createCtx, type Ctx } from './ctx.ts';
export { step } from './step.ts';
export { registerDevices } from './driver/devmem.ts';
export { checkInvariants } from './invariants.ts';
export { createTraceHasher, canonicalLine } from './hash.ts';
export { emptyWorld, cloneWorld, type World } from './state.ts';
export type { Waypoint, Change } from './trace.ts';
