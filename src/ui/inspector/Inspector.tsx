import type { World } from '../../engine/state.ts';
import { ptKey, ptKeyPage, ptKeyPid } from '../../engine/state.ts';
import { idleFrameText } from '../model/idleFrame.ts';
import { coherentHome, pinsText, refcountText } from '../model/pins.ts';
import { owners, pageValue, pteLabel, residence, type PageRef } from '../model/residence.ts';
import { useLab, type InspectTarget } from '../store/store.ts';
import { LifecycleStrip } from './LifecycleStrip.tsx';

type Row = [string, string | number];

function Table({ title, rows }: { title: string; rows: Row[] }) {
  return (
    <div className="insp-block">
      <h4>{title}</h4>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd className="mono">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

const refs = (l: PageRef[] | undefined) =>
  l && l.length ? l.map((r) => `pid ${r.pid} p${r.page}`).join(', ') : '—';

function hostPage(w: World, f: number): Row[] {
  const p = w.hostFrames[f];
  if (!p) return [['frame', 'out of range']];
  return [
    ['refcount', refcountText(p)],
    ['pins', pinsText(p.pins)],
    ['mapcount', p.map],
    [
      'flags',
      [p.ref ? 'PG_uptodate' : 'free', p.locked ? 'PG_locked' : ''].filter(Boolean).join(' '),
    ],
    ['value', p.value],
    ['mapped by', refs(owners(w).host.get(f))],
  ];
}

function devPage(w: World, dev: number, f: number): Row[] {
  const d = w.devices[dev];
  const p = d?.frames[f];
  if (!p) return [['frame', 'not registered']];
  const mapped = owners(w).dev[dev]?.get(f)?.length ?? 0;
  return [
    ['refcount', refcountText(p)],
    ['pins', pinsText(p.pins)],
    // A coherent page is mapped by present PTEs, which the rmap counts.
    ['mapcount', d.memory === 'coherent' ? mapped : 0],
    ['flags', ['ZONE_DEVICE', p.locked ? 'PG_locked' : ''].filter(Boolean).join(' ')],
    [
      'pgmap',
      d.memory === 'coherent'
        ? `MEMORY_DEVICE_COHERENT, owner ${d.name}: CPU-addressable, mapped by ordinary PTEs`
        : `MEMORY_DEVICE_PRIVATE, owner ${d.name}`,
    ],
    ['zone_device_data', p.zdd ?? `NULL (${idleFrameText(w, dev, f)})`],
    ['value', p.value],
    ['CPU entries', refs(owners(w).dev[dev]?.get(f))],
  ];
}

function mirrors(w: World, pid: number, page: number): Row[] {
  return w.devices.flatMap((d): Row[] => {
    const e = d.pt[ptKey(pid, page)];
    return [
      [
        d.name,
        e
          ? `${e.target === 'dev' ? `${e.loc >= 0 && w.devices[e.loc] !== d ? `${w.devices[e.loc].name} ` : ''}d${e.frame}` : e.target === 'zero' ? 'zero page' : `f${e.frame}`} r${e.writable ? 'w' : '-'}${e.atomic ? 'a' : '-'}`
          : 'no entry',
      ],
    ];
  });
}

function Body({ t, w }: { t: InspectTarget; w: World }) {
  switch (t.kind) {
    case 'page': {
      const vp = w.procs[t.pid]?.pages[t.page];
      if (!vp) return <p className="muted">Page {t.page} is not mapped at this step.</p>;
      const r = residence(vp, w);
      // The device whose frame the entry points at: device-private, or a coherent frame.
      const home = coherentHome(vp);
      const frameDev =
        vp.state === 'device-private' || (vp.state === 'migration' && vp.dev >= 0) ? vp.dev : home;
      const onDev = frameDev >= 0;
      return (
        <>
          <Table
            title={`pid ${t.pid} · page ${t.page} · 0x${(t.page * 4096).toString(16)}`}
            rows={[
              ['PTE', pteLabel(vp)],
              ['write bit', vp.writable ? 'set' : 'clear'],
              [
                'points at',
                vp.frame < 0
                  ? '—'
                  : onDev
                    ? `${w.devices[frameDev]?.name} d${vp.frame}${home >= 0 ? ' (device-coherent: the CPU maps it directly)' : ''}`
                    : `host f${vp.frame}`,
              ],
              ['VMA', `${vp.prot}${vp.shared ? ', shared' : ', private'}`],
              ['cpu / location', `${r.cpu} / ${r.location}`],
              ['value', pageValue(vp, w, t.pid, t.page)],
            ]}
          />
          {vp.frame >= 0 && (
            <Table
              title="struct page"
              rows={onDev ? devPage(w, frameDev, vp.frame) : hostPage(w, vp.frame)}
            />
          )}
          <Table title="device page tables" rows={mirrors(w, t.pid, t.page)} />
          <h4>Lifecycle</h4>
          <LifecycleStrip pid={t.pid} page={t.page} />
        </>
      );
    }
    case 'host':
      return <Table title={`host frame ${t.frame} · struct page`} rows={hostPage(w, t.frame)} />;
    case 'zero':
      return (
        <Table
          title="the shared zero page"
          rows={[
            ['value', 0],
            ['mapped by', refs(owners(w).zero)],
          ]}
        />
      );
    case 'dev':
      return (
        <Table
          title={`${w.devices[t.dev]?.name} frame ${t.frame} · struct page`}
          rows={devPage(w, t.dev, t.frame)}
        />
      );
    case 'dpte': {
      const e = w.devices[t.dev]?.pt[t.key];
      if (!e)
        return (
          <p className="muted">No such device entry at this step (zapped or not yet faulted in).</p>
        );
      return (
        <Table
          title={`${w.devices[t.dev].name} page table · pid ${ptKeyPid(t.key)} p${ptKeyPage(t.key)}`}
          rows={[
            [
              'target',
              e.target === 'dev'
                ? e.loc >= 0 && e.loc !== t.dev
                  ? `${w.devices[e.loc]?.name} frame d${e.frame} (device-coherent, mapped in place)`
                  : `device frame d${e.frame}`
                : e.target === 'zero'
                  ? 'zero page'
                  : `host frame f${e.frame}`,
            ],
            ['read', 'yes'],
            ['write', e.writable ? 'yes' : 'no'],
            ['atomic', e.atomic ? 'yes (device-exclusive)' : 'no'],
          ]}
        />
      );
    }
  }
}

/** Details of the clicked page, frame or device entry, at the current step. */
export default function Inspector() {
  const t = useLab((s) => s.inspect);
  const w = useLab((s) => s.frame?.world);
  if (!t || !w) return <p className="muted">Click a page, frame or device entry to inspect it.</p>;
  return (
    <div className="inspector">
      <Body t={t} w={w} />
    </div>
  );
}
