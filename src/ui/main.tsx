import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { openFromLocation } from './app/hashSync.ts';
import './styles/theme.css';
import './styles/layout.css';
import './styles/cells.css';
import './styles/gpu.css';
import './styles/controls.css';
import './styles/anim.css';
import './styles/coherent.css';
import './styles/phone.css';

// Before the first render, not in an effect after it: the link's decoding and load (two worker
// round trips) then overlap the app's first render and layout instead of following them.
void openFromLocation();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
