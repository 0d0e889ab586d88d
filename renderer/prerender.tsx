// The first screen as HTML, written into index.html by the build (main/web/prerender-plugin.ts): the
// form with its defaults, before main has said anything. The page shows it as soon as the HTML and
// stylesheet arrive, and React then hydrates it (main.tsx) instead of drawing it again.
import { renderToString } from 'react-dom/server';
import { Root } from './root';

export function renderFirstScreen(): string {
  return renderToString(<Root />);
}
