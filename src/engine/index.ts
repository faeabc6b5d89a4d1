// The engine's public surface: pure, deterministic, no DOM, clock or randomness.
export { createCtx } from './ctx.ts';
export { step } from './step.ts';
export { registerDevices } from './driver/devmem.ts';
export { emptyWorld } from './state.ts';
