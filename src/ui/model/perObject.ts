// Values worked out once per object, by identity. Stepping replays worlds copy-on-write
// (replay.ts): a table or list the step did not change keeps its identity, and so its answer.

/** `compute`, remembered per argument object for as long as that object lives. */
export function perObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}
