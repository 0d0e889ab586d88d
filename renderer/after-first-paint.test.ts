import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterFirstPaint } from './after-first-paint';

type Callback = (list: { getEntriesByName(name: string): unknown[] }) => void;

/** A PerformanceObserver stand-in that lets the test deliver paint entries. */
function fakePaintObserver(supported: string[]) {
  const observers: { callback: Callback; observed?: unknown; disconnected: boolean }[] = [];
  class FakeObserver {
    static supportedEntryTypes = supported;
    private readonly record: (typeof observers)[number];
    constructor(callback: Callback) {
      this.record = { callback, disconnected: false };
      observers.push(this.record);
    }
    observe(options: unknown) {
      this.record.observed = options;
    }
    disconnect() {
      this.record.disconnected = true;
    }
  }
  vi.stubGlobal('PerformanceObserver', FakeObserver);
  const deliver = (...names: string[]) => {
    for (const o of observers) if (!o.disconnected) o.callback({ getEntriesByName: (name) => names.filter((n) => n === name) });
  };
  return { observers, deliver };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('afterFirstPaint', () => {
  it('waits for the first contentful paint (not the first paint), then runs once, in a task of its own', () => {
    vi.useFakeTimers();
    const { observers, deliver } = fakePaintObserver(['paint']);
    const then = vi.fn();
    afterFirstPaint(then);
    expect(observers[0]?.observed).toEqual({ type: 'paint', buffered: true });
    deliver('first-paint');
    vi.advanceTimersByTime(10);
    expect(then).not.toHaveBeenCalled();
    deliver('first-contentful-paint');
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10);
    expect(then).toHaveBeenCalledTimes(1);
    expect(observers[0]?.disconnected).toBe(true);
  });

  it('falls back to one frame and a task where paint entries are not reported', () => {
    vi.useFakeTimers();
    const { observers } = fakePaintObserver([]);
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    const then = vi.fn();
    afterFirstPaint(then);
    expect(observers).toHaveLength(0);
    vi.advanceTimersByTime(10);
    expect(then).not.toHaveBeenCalled();
    frames[0]?.(0);
    vi.advanceTimersByTime(10);
    expect(then).toHaveBeenCalledTimes(1);
  });
  it('in a page that starts hidden, also runs a frame and a task after it becomes visible, and only once', () => {
    vi.useFakeTimers();
    const { deliver } = fakePaintObserver(['paint']);
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    let visibility: DocumentVisibilityState = 'hidden';
    const visibilitySpy = vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    try {
      const then = vi.fn();
      afterFirstPaint(then);
      vi.advanceTimersByTime(10);
      expect(frames).toHaveLength(0);
      visibility = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
      frames[0]?.(0);
      vi.advanceTimersByTime(10);
      expect(then).toHaveBeenCalledTimes(1);
      deliver('first-contentful-paint');
      vi.advanceTimersByTime(10);
      expect(then).toHaveBeenCalledTimes(1);
    } finally {
      visibilitySpy.mockRestore();
    }
  });
  it('runs after the timeout where no paint comes (a page never shown), and still only once', () => {
    vi.useFakeTimers();
    const { deliver } = fakePaintObserver(['paint']);
    const then = vi.fn();
    afterFirstPaint(then, 1000);
    vi.advanceTimersByTime(999);
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(then).toHaveBeenCalledTimes(1);
    deliver('first-contentful-paint');
    vi.advanceTimersByTime(10);
    expect(then).toHaveBeenCalledTimes(1);
  });
});
