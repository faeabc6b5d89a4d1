// The page picked on either side, told for both runs (announced politely).
import type { PageReport } from '../../engine/result.ts';
import type { ComparePoint } from '../../worker/compareProtocol.ts';

function tell(p: PageReport | undefined, listed: boolean): string {
  // A big run's point lists only the differing pages: one not listed is the same on both sides.
  if (!p) return listed ? 'not mapped' : 'the same in both runs (not listed past 512 pages)';
  if (p.cpu === 'none') return 'mapped, not present';
  const where = p.cpu === 'zero' ? 'the zero page' : p.location;
  return `${p.cpu} on ${where}, value ${p.value}, ${p.writable ? 'writable' : 'read-only'}`;
}

export function CompareInspect(props: {
  point: ComparePoint | null;
  selected: number | null;
  labels: [string, string];
}) {
  const { point, selected } = props;
  const find = (pages: PageReport[] | undefined) =>
    selected === null ? undefined : pages?.find((p) => p.pid * 65536 + p.page === selected);
  const l = find(point?.left.pages);
  const r = find(point?.right.pages);
  const differs =
    selected !== null && point?.diff.pages.some((d) => d.pid * 65536 + d.page === selected);
  // Not found on a side that lists only the differing pages: listed only if it differs.
  const listedL = point?.left.pageCount === undefined || !!differs;
  const listedR = point?.right.pageCount === undefined || !!differs;
  return (
    <div className="cmp-inspect" aria-live="polite" data-testid="compare-inspect">
      {selected === null ? (
        <span className="muted">Pick a page on either side to see it in both runs.</span>
      ) : (
        <>
          <b>
            pid {Math.floor(selected / 65536)} page {selected % 65536}
          </b>
          {differs ? (
            <span className="cmp-status err">differs</span>
          ) : (
            <span className="cmp-status ok">same</span>
          )}
          <span className="cmp-insp-side">
            <span className="cmp-tag small">A</span> {props.labels[0]}: <b>{tell(l, listedL)}</b>
          </span>
          <span className="cmp-insp-side">
            <span className="cmp-tag small">B</span> {props.labels[1]}: <b>{tell(r, listedR)}</b>
          </span>
        </>
      )}
    </div>
  );
}
