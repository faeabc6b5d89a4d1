// dmirror's EXCLUSIVE and CHECK_EXCLUSIVE (flow G): make_device_exclusive page by page, map
// each page atomic in the device page table, then read the range back to verify. A shmem page
// is refused (folio_make_device_exclusive takes anonymous folios only); dmirror then sees fewer
// pages made exclusive than it asked for and returns -EBUSY before its read-back.
import { aboutPage, emit, setDevPte, setPte, within, say, type Ctx } from '../ctx.ts';
import { invalidateRange, pagesText } from '../hmm/notifier.ts';
import { faultIn } from '../mm/fault.ts';
import { ptKey, vPage } from '../state.ts';
import { doRead } from './dmirrorAccess.ts';

export function dmirrorExclusive(c: Ctx, dev: number, pid: number, start: number, end: number) {
  const d = c.w.devices[dev];
  return within(c, 'dmirror_exclusive', () => {
    let refused = 0;
    for (let p = start; p < end; p++) {
      const r = within(c, 'make_device_exclusive', () => {
        aboutPage(c, pid, p);
        const f = faultIn(c, pid, p, true, `make_device_exclusive for ${d.name}`);
        if (f !== 'ok') return f;
        const v = c.w.procs[pid].pages[p];
        if (v.shared) {
          refused++;
          emit(
            c,
            'folio_make_device_exclusive',
            say`Page ${p} is shmem, not anonymous memory: folio_make_device_exclusive refuses it before any notifier call, so it stays an ordinary present page and ${d.name} gets no page back for it.`,
          );
          return 'ok';
        }
        invalidateRange(c, pid, p, p + 1, 'EXCLUSIVE', -1);
        setPte(c, pid, p, vPage(v.prot, v.shared, 'device-exclusive', true, v.frame, dev, v.loc));
        emit(
          c,
          'make_device_exclusive',
          v.loc < 0
            ? say`The CPU PTE of page ${p} becomes a device-exclusive entry: host frame ${v.frame} stays where it is, but any CPU touch now faults and takes it back.`
            : say`The CPU PTE of page ${p} becomes a device-exclusive entry pointing at ${c.w.devices[v.loc].name} frame ${v.frame}: make_device_exclusive only needs an anonymous folio, so the data stays in coherent memory; a CPU touch now faults and takes it back.`,
        );
        setDevPte(c, dev, ptKey(pid, p), {
          target: v.loc < 0 ? 'host' : 'dev',
          frame: v.frame,
          writable: true,
          atomic: true,
          loc: v.loc,
        });
        emit(
          c,
          'dmirror_atomic_map',
          say`${d.name} maps page ${p} writable with its atomic flag: device atomics on it are now safe.`,
        );
        return 'ok';
      });
      if (r !== 'ok') {
        aboutPage(c, pid, p);
        emit(
          c,
          'dmirror_exclusive',
          say`Page ${p} cannot be faulted in for writing: ${r}, and the command stops.`,
        );
        return { status: r, cpages: 0 };
      }
    }
    if (refused) {
      const made = end - start - refused;
      emit(
        c,
        'dmirror_exclusive',
        made
          ? say`Only ${made} of ${end - start} pages became exclusive, fewer than asked: dmirror returns -EBUSY before its read-back (cpages 0), and the pages it did make exclusive stay so.`
          : say`No page of ${pagesText(start, end)} became exclusive: dmirror returns -EBUSY before its read-back (cpages 0).`,
      );
      return { status: 'EBUSY' as const, cpages: 0 };
    }
    const cpages = doRead(c, dev, pid, start, end, []);
    emit(
      c,
      'dmirror_do_read',
      cpages === end - start
        ? say`To verify, ${d.name} reads ${pagesText(start, end)} back through its page table: ${cpages} page${cpages === 1 ? '' : 's'}.`
        : say`To verify, ${d.name} reads the range back and finds no entry for page ${start + cpages}: -ENOENT.`,
    );
    return { status: cpages === end - start ? ('ok' as const) : ('ENOENT' as const), cpages };
  });
}

export function dmirrorCheckExclusive(
  c: Ctx,
  dev: number,
  pid: number,
  start: number,
  end: number,
) {
  const d = c.w.devices[dev];
  for (let p = start; p < end; p++) {
    if (d.pt[ptKey(pid, p)]?.atomic) {
      aboutPage(c, pid, p);
      emit(
        c,
        'dmirror_check_atomic',
        say`${d.name} still holds an atomic mapping of page ${p}: EPERM.`,
      );
      return 'EPERM' as const;
    }
  }
  emit(
    c,
    'dmirror_check_atomic',
    say`${d.name} holds no atomic mapping in ${pagesText(start, end)}: exclusive access there has been revoked.`,
  );
  return 'ok' as const;
}
