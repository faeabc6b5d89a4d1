// A view that takes over the stepping keys while it is shown (the compare view steps two runs):
// the lab's shortcuts hand each key to it first.
type Owner = (e: KeyboardEvent) => boolean;
let owner: Owner | null = null;

/** Returns the release function. The owner returns true when it used the key. */
export function claimKeys(f: Owner): () => void {
  owner = f;
  return () => {
    if (owner === f) owner = null;
  };
}

export const keyOwner = (): Owner | null => owner;
