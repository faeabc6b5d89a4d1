import { useEffect } from 'react';
import { Toolbar } from '../actions/Toolbar.tsx';
import { Header } from '../header/Header.tsx';
import { Narration } from '../narration/Narration.tsx';
import { Stage } from '../stage/Stage.tsx';
import { useLab } from '../store/store.ts';
import { Transport } from '../transport/Transport.tsx';
import { useKeyboard } from '../transport/useKeyboard.ts';
import { usePlayback } from '../transport/usePlayback.ts';
import { followInAddressBar, openFromLocation } from './hashSync.ts';
import { LiveRegion } from './LiveRegion.tsx';
import { SidePanels } from './SidePanels.tsx';

function Banner() {
  const banner = useLab((s) => s.banner);
  const fault = useLab((s) => s.fault);
  const setBanner = useLab((s) => s.setBanner);
  return (
    <div className="banners">
      {banner && (
        <div className="banner" role="alert" data-testid="error-banner">
          <span>{banner}</span>
          <button type="button" onClick={() => setBanner(null)} aria-label="Dismiss">
            Dismiss
          </button>
        </div>
      )}
      {fault && (
        <div className="banner fault" role="alert">
          <span>Internal error in the simulation (a bug, not a kernel result): {fault}</span>
        </div>
      )}
    </div>
  );
}

export function App() {
  useKeyboard();
  usePlayback();
  useEffect(() => {
    void openFromLocation();
    return followInAddressBar();
  }, []);
  return (
    <div className="app">
      <Header />
      <Banner />
      <main className="main">
        <div className="work">
          <Toolbar />
          <Stage />
        </div>
        <aside className="side">
          <Narration />
          <SidePanels />
        </aside>
      </main>
      <Transport />
      <LiveRegion />
    </div>
  );
}
