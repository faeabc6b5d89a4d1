// A migration says, at the page, that it leaves a pinned page in place (hmm-model-v2.md N).
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/schema.ts';
import { createTimeline } from '../../timeline/timeline.ts';

function skips(memory: 'private' | 'coherent', actions: unknown[]) {
  const r = parseScenario({
    format: 'hmm-lab/scenario@2',
    config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8, memory }] },
    actions: [
      { op: 'mmap', start: 0, count: 4, prot: 'rw' },
      { op: 'cpu_write', start: 0, count: 4, values: [1, 2, 3, 4] },
      ...actions,
    ],
  });
  if (!r.ok) throw new Error(r.error);
  const tl = createTimeline(r.scenario);
  const out = [];
  for (let i = 0; i < tl.count; i++) {
    const w = tl.waypoint(i);
    if (w.fn === 'folio_try_share_anon_rmap_pte')
      out.push({ action: w.action, subject: w.subject, text: w.text });
  }
  return { out, report: tl.report() };
}

describe('a pinned page a migration leaves in place', () => {
  it('migrate_to_device: one waypoint at the pinned host page, which stays', () => {
    const { out, report } = skips('private', [
      { op: 'pin', start: 1, count: 2 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
    ]);
    expect(out.map((s) => s.subject)).toEqual([
      { pid: 1, pages: [1, 2], device: 'gpu0' },
      { pid: 1, pages: [2, 3], device: 'gpu0' },
    ]);
    expect(out[0].text).toMatch(/^Page 1 is pinned .*migrate_vma_collect_pmd .* host frame 1, not/);
    expect(report.pages.map((p) => p.location)).toEqual(['gpu0', 'host', 'host', 'gpu0']);
  });

  it('migrate_to_host and release of coherent memory: at the short-term-pinned page', () => {
    const move = { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 };
    const pin = { op: 'pin', start: 2, longterm: false };
    const back = skips('coherent', [
      move,
      pin,
      { op: 'migrate_to_host', device: 'gpu0', start: 0, count: 4 },
    ]);
    expect(back.out).toHaveLength(1);
    expect(back.out[0].subject).toEqual({ pid: 1, pages: [2, 3], device: 'gpu0', frame: 2 });
    expect(back.out[0].text).toMatch(/stays in gpu0 frame 2, not migrated/);
    // The pin is counted on the coherent frame, and migrate_vma_setup's walker tried to unmap it.
    expect(back.out[0].text).toMatch(/^Page 2 is pinned \(1 pin: .* migrate_vma_collect_pmd must/);
    const release = skips('coherent', [move, pin, { op: 'release', device: 'gpu0' }]);
    expect(release.out).toHaveLength(1);
    expect(release.out[0].text).toMatch(/try_to_migrate must make it shareable/);
    expect(release.report.pages.map((p) => p.location)).toEqual(['host', 'host', 'gpu0', 'host']);
  });

  it('migrate_to_device: nothing at a pinned page already in coherent memory', () => {
    // MIGRATE_VMA_SELECT_SYSTEM passes a device page by before any unmap is tried
    // (migrate_vma_collect_pmd), so folio_try_share_anon_rmap_pte never sees it.
    const move = { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 };
    const { out, report } = skips('coherent', [
      move,
      { op: 'pin', start: 2, longterm: false },
      move,
    ]);
    expect(out).toEqual([]);
    expect(report.results[4]).toMatchObject({ status: 'ok', migrated: 0 });
  });

  it('migrate_to_device: nothing at a pinned shared page, which is not anonymous', () => {
    // Only an anonymous exclusive page is made shareable (folio_try_share_anon_rmap_pte).
    const r = parseScenario({
      format: 'hmm-lab/scenario@2',
      config: { hostFrames: 16, devices: [{ name: 'gpu0', frames: 8 }] },
      actions: [
        { op: 'mmap', start: 0, count: 2, prot: 'rw', shared: true },
        { op: 'cpu_write', start: 0, count: 2, values: [1, 2] },
        { op: 'pin', start: 1 },
        { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 2 },
      ],
    });
    if (!r.ok) throw new Error(r.error);
    const tl = createTimeline(r.scenario);
    const fns = Array.from({ length: tl.count }, (_, i) => tl.fn(i));
    expect(fns).not.toContain('folio_try_share_anon_rmap_pte');
    expect(tl.report().results[3]).toMatchObject({ status: 'ENOENT', migrated: 0 });
  });

  it('says nothing when no page is pinned, or once the pin is gone', () => {
    expect(
      skips('private', [{ op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 }]).out,
    ).toEqual([]);
    const unpinned = skips('private', [
      { op: 'pin', start: 1 },
      { op: 'unpin', pin: 1 },
      { op: 'migrate_to_device', device: 'gpu0', start: 0, count: 4 },
    ]);
    expect(unpinned.out).toEqual([]);
  });
});
