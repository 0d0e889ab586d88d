// Leaving or reloading the window with unsaved work (edits to a saved profile, or a typed client
// secret that is not in the keychain) asks first: the browser's own "Leave site?" question. In the desktop app
// the shell turns the same event into a native question (webContents 'will-prevent-unload').
import { useEffect } from 'react';
import { leavingLosesWork } from '../../store/profiles-store';

export function useLeaveWarning(): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!leavingLosesWork()) return;
      event.preventDefault();
      // Older Chromium needs returnValue set; browsers show their own text, not this one.
      event.returnValue = 'You have unsaved changes.';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
