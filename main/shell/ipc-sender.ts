// Who may call the API over IPC: only the main window's top frame, showing the app's own page.
// A frame that navigated elsewhere, an iframe, another window (the auth window has no preload, but
// defence in depth) or a destroyed frame is refused. Pure: frames are described by plain fields.
import { originOf } from './app-origin';

/** The fields of Electron's WebFrameMain this check reads. */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: unknown;
}

export function isTrustedSender(senderFrame: FrameLike | null | undefined, mainFrame: FrameLike | null | undefined, appOrigin: string): boolean {
  if (!senderFrame || !mainFrame) return false;
  if (senderFrame.parent !== null) return false;
  if (senderFrame.processId !== mainFrame.processId || senderFrame.routingId !== mainFrame.routingId) return false;
  return originOf(senderFrame.url) === appOrigin.toLowerCase();
}
