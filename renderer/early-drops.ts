// Files dropped on the profile list before React has taken the page over (the pre-rendered page is
// on screen first: README, Performance) would be lost, or worse, the browser would open the file in
// the tab in place of the app. The entry holds such drops from the start; the profile list's import
// takes them once it is live. While holding, a drop there is this module's alone (propagation
// stopped), so it is never imported twice.

/** What a drop carried, taken during the event (its DataTransfer is emptied after it). */
export interface DroppedParts {
  entries: FileSystemEntry[];
  files: File[];
}

export function droppedParts(data: DataTransfer): DroppedParts {
  const entries = [...data.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  return { entries, files: [...data.files] };
}

const DROP_ZONE = 'aside.profile-sidebar';
let held: DroppedParts[] = [];
let stopHolding: (() => void) | undefined;

export function holdEarlyDrops(target: Window = window): void {
  const withFiles = (e: DragEvent): e is DragEvent & { dataTransfer: DataTransfer } =>
    e.target instanceof Element && e.target.closest(DROP_ZONE) !== null && !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  const onDragOver = (e: DragEvent) => {
    if (withFiles(e)) e.preventDefault(); // allows the drop
  };
  const onDrop = (e: DragEvent) => {
    if (!withFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
    held.push(droppedParts(e.dataTransfer));
  };
  target.addEventListener('dragover', onDragOver, true);
  target.addEventListener('drop', onDrop, true);
  stopHolding = () => {
    target.removeEventListener('dragover', onDragOver, true);
    target.removeEventListener('drop', onDrop, true);
  };
}

/** The import is live: stop holding, and hand over what was dropped meanwhile, in order. */
export function takeEarlyDrops(take: (drop: DroppedParts) => void): void {
  stopHolding?.();
  stopHolding = undefined;
  const drops = held;
  held = [];
  for (const drop of drops) take(drop);
}
