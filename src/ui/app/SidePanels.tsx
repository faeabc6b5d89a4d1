import { lazy, Suspense, useState } from 'react';
import { Counters } from '../stats/Counters.tsx';
import { Invariants } from '../stats/Invariants.tsx';
import { useLab } from '../store/store.ts';

const Inspector = lazy(() => import('../inspector/Inspector.tsx'));
const ActionChart = lazy(() => import('../stats/ActionChart.tsx'));

type Tab = 'stats' | 'inspect' | 'chart';

/** Counters and invariants, the inspector, the per-action chart: one tab at a time. */
export function SidePanels() {
  const inspect = useLab((s) => s.inspect);
  const [chosen, setTab] = useState<Tab>('stats');
  const [seen, setSeen] = useState(inspect);
  // Clicking a cell opens the inspector tab.
  let tab = chosen;
  if (inspect !== seen) {
    setSeen(inspect);
    if (inspect) setTab((tab = 'inspect'));
  }
  const tabs: { id: Tab; label: string }[] = [
    { id: 'stats', label: 'Counters' },
    { id: 'inspect', label: 'Inspector' },
    { id: 'chart', label: 'Per action' },
  ];
  return (
    <section className="panel side-tabs">
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'on' : ''}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="tab-body">
        {tab === 'stats' && (
          <>
            <Counters />
            <h3 className="panel-title">Invariants</h3>
            <Invariants />
          </>
        )}
        <Suspense fallback={<p className="muted">Loading…</p>}>
          {tab === 'inspect' && <Inspector />}
          {tab === 'chart' && <ActionChart />}
        </Suspense>
      </div>
    </section>
  );
}
