// Renderer entry: zod told not to probe for `new Function` (the CSP forbids it) before any schema
// exists, styles as bundled files (the CSP allows no inline <style>), then the React root.
import '../shared/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/base.css';
import './styles/layout.css';
import './styles/form.css';
import './styles/results.css';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
