import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './styles/theme.css';
import './styles/layout.css';
import './styles/cells.css';
import './styles/gpu.css';
import './styles/controls.css';
import './styles/anim.css';
import './styles/coherent.css';
import './styles/phone.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
