// Renderer entry: zod told not to probe for `new Function` (the CSP forbids it) before any schema
// exists, styles as bundled files (the CSP allows no inline <style>), then the React root.
import '../shared/zod-jitless';
import { createRoot, hydrateRoot } from 'react-dom/client';
import './styles/base.css';
import './styles/layout.css';
import './styles/form.css';
import './styles/results.css';
import { Root } from './root';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
// A built page holds the first screen already (pre-rendered, README "Performance"): React takes it
// over rather than drawing it again. The dev server's page is empty.
if (root.firstElementChild) hydrateRoot(root, <Root />);
else createRoot(root).render(<Root />);
