// An AuthorizationLauncher for tests: records what the engine asks it to open and close, and can be
// told to fail, or to act on the URL (e.g. log in over HTTP and deliver the redirect).
import type { AuthorizationLauncher, LaunchRequest } from '../flow-engine';

export class RecordingLauncher implements AuthorizationLauncher {
  readonly openedBy = 'app' as const;
  readonly opened: LaunchRequest[] = [];
  readonly closed: string[] = [];
  failWith: Error | undefined;
  onOpen: ((request: LaunchRequest) => void) | undefined;

  async open(request: LaunchRequest): Promise<void> {
    this.opened.push(request);
    if (this.failWith) throw this.failWith;
    this.onOpen?.(request);
  }

  close(flowId: string): void {
    this.closed.push(flowId);
  }
}
