// Starts React on the page: takes over the pre-rendered first screen (README, Performance), or
// draws it where the page came empty (the dev server). Loaded by main.tsx once the page is painted.
import { createRoot, hydrateRoot } from 'react-dom/client';
import { Root } from './root';

export function startApp(root: HTMLElement): void {
  if (root.firstElementChild) hydrateRoot(root, <Root />);
  else createRoot(root).render(<Root />);
}
