// Predict mode stops forward moves at an unanswered question: a gate the seek consults.
type Gate = (from: number, to: number) => number;
let gate: Gate | null = null;

/** Returns the release function. */
export function setSeekGate(g: Gate): () => void {
  gate = g;
  return () => {
    if (gate === g) gate = null;
  };
}

export const gated = (from: number, to: number): number => (gate ? gate(from, to) : to);
