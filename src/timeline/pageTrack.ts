// One run's page reports kept across the steps of a comparison. A page whose entry and frame
// are the same objects as last time (the engine replaces them, never changes them in place; no
// frame reads 0) keeps its report without a look at it; one whose report came out the same
// keeps the object, so a step allocates only for the pages it changed.
import type { PageReport } from '../engine/result.ts';
import { reportPage } from '../engine/report.ts';
import { pageFrame, type DevPage, type HostPage, type VPage, type World } from '../engine/state.ts';

export interface PageTrack {
  /** The reports of `w`'s pages, sorted by pid, page (reportPages' order). */
  update(w: Readonly<World>): PageReport[];
}

export function createPageTrack(): PageTrack {
  let last: PageReport[] = [];
  let entries: VPage[] = [];
  let frames: (HostPage | DevPage | undefined)[] = [];
  return {
    update(w) {
      const out: PageReport[] = [];
      const outEntries: VPage[] = [];
      const outFrames: (HostPage | DevPage | undefined)[] = [];
      let j = 0;
      // Integer keys enumerate in ascending order (the language guarantees it): no sort needed.
      for (const p of Object.keys(w.procs)) {
        const pid = Number(p);
        const pages = w.procs[pid].pages;
        for (const k of Object.keys(pages)) {
          const page = Number(k);
          while (
            j < last.length &&
            (last[j].pid < pid || (last[j].pid === pid && last[j].page < page))
          )
            j++;
          const v = pages[page];
          const frame = pageFrame(w, pid, page, v);
          const old = last[j]?.pid === pid && last[j].page === page ? last[j] : undefined;
          out.push(
            old && entries[j] === v && frames[j] === frame
              ? old
              : reportPage(w, pid, page, v, false, old),
          );
          outEntries.push(v);
          outFrames.push(frame);
        }
      }
      last = out;
      entries = outEntries;
      frames = outFrames;
      return out;
    },
  };
}
