// Serves the production renderer on `app://pkce-inspector/` (why not file://: see app-origin.ts).
import { protocol } from 'electron';
import { loadStaticFiles } from '../web/static-files';
import { APP_PROTOCOL } from './app-origin';
import { appProtocolResponse } from './app-protocol-response';

/** Must run before `app.ready`: a standard, secure scheme gets a real origin and fetch support. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** After `ready`: answer the scheme from the renderer build, read into memory once. */
export async function serveRenderer(rendererDir: string): Promise<void> {
  const files = await loadStaticFiles(rendererDir);
  protocol.handle(APP_PROTOCOL, (request) => {
    const answer = appProtocolResponse(files, request.method, request.url);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  });
}
