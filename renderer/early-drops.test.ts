import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdEarlyDrops, takeEarlyDrops, type DroppedParts } from './early-drops';

// jsdom has no DragEvent or DataTransfer: an event carrying a stand-in of the parts read here.
function drop(type: 'drop' | 'dragover', files: File[], types = ['Files']): Event {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { types, files, items: files.map(() => ({ webkitGetAsEntry: () => null })) } });
  return event;
}

function page() {
  document.body.innerHTML = '<aside class="profile-sidebar" aria-label="Profiles"><ul><li><button>Demo</button></li></ul></aside><main><p>form</p></main>';
  const sidebar = document.querySelector('aside')!;
  const item = sidebar.querySelector('button')!;
  const elsewhere = document.querySelector('main p')!;
  // React's own listener, as it would sit on the root once the page is live.
  const reactSaw = vi.fn();
  document.body.addEventListener('drop', reactSaw);
  return { sidebar, item, elsewhere, reactSaw };
}

const taken = () => {
  const drops: DroppedParts[] = [];
  takeEarlyDrops((parts) => drops.push(parts));
  return drops;
};

afterEach(() => {
  taken(); // stops holding and empties what a test left
  document.body.innerHTML = '';
});

describe('holdEarlyDrops', () => {
  it('holds files dropped on the profile list before the app is live, keeps the browser from opening them, and hands them over in order', () => {
    const { item, reactSaw } = page();
    holdEarlyDrops(window);
    const first = new File(['{}'], 'one.postman_collection.json');
    const second = new File(['{}'], 'two.json');
    const over = drop('dragover', [first]);
    item.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(true); // the drop is allowed, not a navigation
    const events = [drop('drop', [first]), drop('drop', [second])];
    for (const e of events) item.dispatchEvent(e);
    expect(events.every((e) => e.defaultPrevented)).toBe(true);
    expect(reactSaw).not.toHaveBeenCalled(); // held, so never imported twice
    expect(taken()).toEqual([
      { entries: [], files: [first] },
      { entries: [], files: [second] },
    ]);
  });

  it('stops holding once taken: later drops are the live app’s', () => {
    const { sidebar, reactSaw } = page();
    holdEarlyDrops(window);
    expect(taken()).toEqual([]);
    const later = drop('drop', [new File(['{}'], 'late.json')]);
    sidebar.dispatchEvent(later);
    expect(later.defaultPrevented).toBe(false);
    expect(reactSaw).toHaveBeenCalledOnce();
    expect(taken()).toEqual([]);
  });

  it('leaves alone drops elsewhere on the page and drags that carry no files', () => {
    const { sidebar, elsewhere, reactSaw } = page();
    holdEarlyDrops(window);
    const outside = drop('drop', [new File(['{}'], 'x.json')]);
    elsewhere.dispatchEvent(outside);
    const text = drop('drop', [], ['text/plain']);
    sidebar.dispatchEvent(text);
    expect(outside.defaultPrevented || text.defaultPrevented).toBe(false);
    expect(reactSaw).toHaveBeenCalledTimes(2);
    expect(taken()).toEqual([]);
  });
});
