#!/usr/bin/env node
// The `pkce-inspector` command (package.json "bin"; `npm link` puts it on the PATH): runs the
// TypeScript command line with tsx, from this checkout, with the same modules as the app.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/main.ts');
