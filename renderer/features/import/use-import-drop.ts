// Drag and drop of export files (or a Bruno collection folder) onto the profile list: the same
// import as the Import… button. `dragging` lets the list show where to drop. Drops before the app
// was live were held by the entry (renderer/early-drops.ts) and are taken here.
import { useEffect, useState } from 'react';
import { droppedParts, takeEarlyDrops } from '../../early-drops';
import { useImportStore } from './import-store';
import { readDropped } from './read-files';

export function useImportDrop() {
  const [dragging, setDragging] = useState(false);
  // Live now: what was dropped on the pre-rendered list is imported, and drops are React's from here.
  useEffect(() => takeEarlyDrops((parts) => void readDropped(parts).then(startImport)), []);
  const hasFiles = (e: React.DragEvent) => [...e.dataTransfer.types].includes('Files');
  return {
    dragging,
    dropProps: {
      onDragOver: (e: React.DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault(); // allows the drop
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      },
      onDragLeave: (e: React.DragEvent) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      },
      onDrop: async (e: React.DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        const parts = droppedParts(e.dataTransfer);
        await startImport(await readDropped(parts));
      },
    },
  };
}

export async function startImport(files: Awaited<ReturnType<typeof readDropped>>): Promise<void> {
  const store = useImportStore.getState();
  if (files.length === 0) {
    useImportStore.setState({ error: { message: 'Nothing to import there: choose .json, .yaml or .bru export files (or a Bruno collection folder).' } });
    return;
  }
  await store.start(files);
}
