// Renderer entry: zod told not to probe for `new Function` (the CSP forbids it) before any schema
// exists, styles as bundled files (the CSP allows no inline <style>), then the React app.
import '../shared/zod-jitless';
import './styles/base.css';
import './styles/layout.css';
import './styles/form.css';
import './styles/results.css';
import { afterFirstPaint } from './after-first-paint';
import { holdEarlyDrops } from './early-drops';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
const start = () => void import('./start-app').then(({ startApp }) => startApp(root));
// A built page holds the first screen already (pre-rendered, README "Performance"): the browser
// paints it first, then the app's script is fetched and run and takes it over. Run at once, it
// would hold that first paint back. A page nobody sees yet (a background tab, a window not shown)
// paints nothing: a timeout starts it anyway. The dev server's page is empty.
if (root.firstElementChild) {
  holdEarlyDrops();
  afterFirstPaint(start);
} else start();
