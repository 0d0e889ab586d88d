import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Screenshots of the main states, for people to look at (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../screenshots/', import.meta.url));
