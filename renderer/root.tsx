// The one tree both the page (main.tsx) and the build's pre-render (prerender.tsx) render: the page
// hydrates the markup the build wrote into index.html, which only works if the two are the same.
import { StrictMode } from 'react';
import { App } from './App';

export function Root() {
  return (
    <StrictMode>
      <App />
    </StrictMode>
  );
}
