// Renderer entry: zod told not to probe for `new Function` (the CSP forbids it) before any schema
// exists, styles as bundled files (the CSP allows no inline <style>), then the React app.
import '../shared/zod-jitless';
import './styles/base.css';
import './styles/layout.css';
import './styles/form.css';
import './styles/results.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
const start = () => void import('./start-app').then(({ startApp }) => startApp(root));
// A built page holds the first screen already (pre-rendered, README "Performance"): the browser
// paints it first, then the app's script (fetched meanwhile, see main/web/prerender-plugin.ts) runs
// and takes it over. Run at once, it would hold that first paint back. The dev server's page is empty.
if (root.firstElementChild) requestAnimationFrame(() => setTimeout(start));
else start();
