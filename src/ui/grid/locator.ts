// The link between a canvas grid and the animation layer, which knows cells only by key.
// The box is relative to the canvas: the caller reads the canvas's position once per batch.
export type CellLocator = (key: string) => { x: number; y: number; w: number; h: number } | null;
export const LOCATOR = Symbol('cellLocator');
