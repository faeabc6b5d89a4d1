// One run's page reports kept across the steps of a comparison. A page whose report did not
// change keeps the same object, so a step allocates only for the pages it changed.
import type { PageReport } from '../engine/result.ts';
import { reportPage } from '../engine/report.ts';
import type { World } from '../engine/state.ts';

export interface PageTrack {
  /** The reports of `w`'s pages, sorted by pid, page (reportPages' order). */
  update(w: Readonly<World>): PageReport[];
}

export function createPageTrack(): PageTrack {
  let last: PageReport[] = [];
  return {
    update(w) {
      const out: PageReport[] = [];
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
          out.push(reportPage(w, pid, page, pages[page], false, last[j]));
        }
      }
      last = out;
      return out;
    },
  };
}
