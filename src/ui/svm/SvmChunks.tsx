// An svm GPU's VRAM as its driver sees it (hmm-model-v2.md "svm state", result@2 `chunks`):
// the live chunks in LRU order — head first, the next to go under pressure — each a group of
// frames backing one range, the frames TTM has free, and the pages eviction has sent home.
// Read from the engine's own tables (chunksWithFrames, the CLI's lruOf), never recomputed.
import type { World } from '../../engine/state.ts';
import { chunksWithFrames, type SvmChunk } from '../../engine/svm/state.ts';
import { freeListKey } from '../model/keys.ts';
import type { Eviction } from './eviction.ts';
import './svm.css';

/** Chunks listed before "+n more" (a 4096-frame GPU with 4-page chunks has 1024). */
const SHOWN = 24;
/** Up to this many frames a chunk draws each frame; above, it names the span. */
const CELLS = 16;

/** Frame numbers as runs: [0,1,2,3,6] → "d0–d3, d6". */
function frameRuns(frames: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < frames.length;) {
    let j = i;
    while (j + 1 < frames.length && frames[j + 1] === frames[j] + 1) j++;
    out.push(i === j ? `d${frames[i]}` : `d${frames[i]}–d${frames[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

const rangeText = (c: SvmChunk, multi: boolean) =>
  `${multi ? `pid ${c.pid} ` : ''}p${c.start}..p${c.start + c.count - 1}`;

type Listed = ReturnType<typeof chunksWithFrames>;
/** Once per pair of chunk tables (replay copies a table only when a step changes it). */
const listed = new WeakMap<object, { chunks: object; byDev: Map<number, Listed> }>();
function chunksOf(w: World, dev: number): Listed {
  let e = listed.get(w.svmChunkOf);
  if (!e || e.chunks !== w.svmChunks) {
    e = { chunks: w.svmChunks, byDev: new Map() };
    listed.set(w.svmChunkOf, e);
  }
  let r = e.byDev.get(dev);
  if (!r) e.byDev.set(dev, (r = chunksWithFrames(w, dev)));
  return r;
}

interface Props {
  world: World;
  dev: number;
  eviction: Eviction | null;
  changed: boolean;
}

export function SvmChunks({ world, dev, eviction, changed }: Props) {
  const d = world.devices[dev];
  const chunks = chunksOf(world, dev);
  const used = chunks.reduce((n, c) => n + c.frames.length, 0);
  const free = d.size - used;
  const multi = Object.keys(world.procs).length > 1;
  const evicting = (c: SvmChunk) =>
    eviction !== null &&
    eviction.device === d.name &&
    eviction.pid === c.pid &&
    eviction.start >= c.start &&
    eviction.start + eviction.count <= c.start + c.count;
  const mine = eviction?.device === d.name ? eviction : null;
  const going = mine ? chunks.find((c) => evicting(c.chunk)) : undefined;
  return (
    <div
      className={`svm-lru${changed ? ' changed' : ''}`}
      data-testid={`svm-chunks-${d.name}`}
      data-key={freeListKey(dev)}
      role="group"
      aria-label={`${d.name} chunks in LRU order`}
    >
      <div className="svm-head">
        <span className="svm-title">chunks · LRU</span>
        <span className="muted">head goes first under pressure</span>
        <span
          className="svm-evicted"
          title="pagesEvicted: pages eviction has moved home (all devices)"
        >
          pagesEvicted <b data-testid="svm-pages-evicted">{world.counters.pagesEvicted}</b>
        </span>
      </div>
      {mine && (
        <p className="svm-reason" data-testid="svm-evict-reason">
          <b>{mine.reason}</b>
          {going ? (
            <>
              {' '}
              — chunk {going.chunk.id} ({rangeText(going.chunk, multi)}) travels home
            </>
          ) : (
            ' — its frames are free again'
          )}
        </p>
      )}
      {chunks.length === 0 ? (
        <p className="muted svm-empty">No chunk: nothing of this GPU is in VRAM.</p>
      ) : (
        <ol className="svm-chunks">
          {chunks.slice(0, SHOWN).map(({ chunk: c, frames }, i) => {
            const out = evicting(c);
            return (
              <li
                key={c.id}
                className={`svm-chunk${i === 0 ? ' next' : ''}${out ? ' evicting' : ''}`}
                data-testid={`svm-chunk-${d.name}-${c.id}`}
                data-lru={i}
                data-next={i === 0 ? 'true' : undefined}
                aria-label={`chunk ${c.id}, ${i === 0 ? 'next to evict, ' : ''}${rangeText(c, true)}, frames ${frameRuns(frames)}${out ? ', being evicted' : ''}`}
              >
                <span className="svm-cid">
                  {i === 0 && <span className="svm-next">next ▸</span>}chunk {c.id}
                </span>
                <span className="svm-range mono">{rangeText(c, multi)}</span>
                {frames.length <= CELLS ? (
                  <span className="svm-frames" aria-hidden="true">
                    {frames.map((f) => (
                      <span key={f} className="svm-f">
                        d{f}
                      </span>
                    ))}
                  </span>
                ) : (
                  <span className="svm-frames mono" aria-hidden="true">
                    {frameRuns(frames)} <span className="muted">({frames.length})</span>
                  </span>
                )}
              </li>
            );
          })}
          {chunks.length > SHOWN && (
            <li className="muted svm-more">+{chunks.length - SHOWN} more, newest last</li>
          )}
        </ol>
      )}
      <div className="svm-free muted" data-testid={`svm-free-${d.name}`}>
        free VRAM (TTM): {free} of {d.size} frames
      </div>
    </div>
  );
}
