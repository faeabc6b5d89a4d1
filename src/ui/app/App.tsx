import { lazy, Suspense, useEffect } from 'react';
import { Toolbar } from '../actions/Toolbar.tsx';
import { Header } from '../header/Header.tsx';
import { Narration } from '../narration/Narration.tsx';
import { BugPanel } from '../session/BugPanel.tsx';
import { Notices } from '../session/Notices.tsx';
import { SessionLayer } from '../session/SessionLayer.tsx';
import { LinkMismatch } from '../share/LinkMismatch.tsx';
import { useSession } from '../session/store.ts';
import { Stage } from '../stage/Stage.tsx';
import { useLab } from '../store/store.ts';
import { Transport } from '../transport/Transport.tsx';
import { PlaybackDriver } from '../transport/PlaybackDriver.tsx';
import { followInAddressBar } from './hashSync.ts';
import { CourseNext } from '../course/CourseNext.tsx';
import { LiveRegion } from './LiveRegion.tsx';
import { SidePanels } from './SidePanels.tsx';
import { useDriverCompare } from '../drivers/store.ts';

// The swim-lane and its canvas code load after the first paint.
const Swimlane = lazy(() => import('../swimlane/Swimlane.tsx'));
const QuizPanel = lazy(() => import('../quiz/QuizPanel.tsx'));
const WhatIfView = lazy(() => import('../whatif/WhatIfView.tsx'));
const DriverCompareView = lazy(() => import('../drivers/DriverCompareView.tsx'));

function Banner() {
  const banner = useLab((s) => s.banner);
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
      <BugPanel />
      <Notices />
      <LinkMismatch />
    </div>
  );
}

export function App() {
  const embed = useSession((s) => s.embed);
  const whatif = useSession((s) => s.whatif !== null);
  const drivers = useDriverCompare((s) => s.device !== null);
  const quiz = useSession((s) => s.quiz);
  useEffect(() => followInAddressBar(), []);
  return (
    <div className={embed ? 'app embed' : 'app'}>
      <PlaybackDriver />
      {!embed && <Header />}
      <Banner />
      {whatif || drivers ? (
        <Suspense fallback={<main className="main" aria-busy="true" />}>
          {whatif ? <WhatIfView /> : <DriverCompareView />}
        </Suspense>
      ) : (
        <>
          <main className="main">
            <div className="work">
              {!embed && <Toolbar />}
              <Stage />
              {!embed && (
                <Suspense fallback={null}>
                  <Swimlane />
                </Suspense>
              )}
            </div>
            <aside className="side">
              {quiz && (
                <Suspense fallback={null}>
                  <QuizPanel />
                </Suspense>
              )}
              <Narration />
              <CourseNext />
              {!embed && <SidePanels />}
            </aside>
          </main>
          <Transport />
        </>
      )}
      <LiveRegion />
      <SessionLayer />
    </div>
  );
}
