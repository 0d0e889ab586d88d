// Runs `then` once the browser has put the page's first contentful paint on screen. The
// pre-rendered page (README, Performance) is complete without script; running the app's script
// before that paint is presented would only compete with it for the CPU (parsing, compiling and
// running React while the first frame is rasterized), which measurably delayed it. The paint
// entry is delivered after presentation, so waiting for it is waiting for the pixels. Where the
// entry type is missing, one frame and a task stand in for it. A page that starts hidden (the
// desktop window is shown once it has painted) may get no entry: becoming visible, one frame and
// a task later, does as well. A page never shown gets `then` after `timeoutMs` all the same.
export function afterFirstPaint(then: () => void, timeoutMs = 1000): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    then();
  };
  setTimeout(once, timeoutMs);
  const afterFrame = () => requestAnimationFrame(() => setTimeout(once));
  if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes?.includes('paint')) {
    afterFrame();
    return;
  }
  const observer = new PerformanceObserver((list) => {
    if (list.getEntriesByName('first-contentful-paint').length === 0) return;
    observer.disconnect();
    setTimeout(once);
  });
  // buffered: a paint that happened before this script ran still counts.
  observer.observe({ type: 'paint', buffered: true });
  if (document.visibilityState === 'hidden') {
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      document.removeEventListener('visibilitychange', onVisible);
      afterFrame();
    };
    document.addEventListener('visibilitychange', onVisible);
  }
}
