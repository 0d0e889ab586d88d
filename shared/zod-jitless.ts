// zod compiles object parsers with `new Function` where it may, and probes for that when a schema
// is created. Under the app's CSP (no 'unsafe-eval') the probe is refused and reported as a CSP
// violation on every load, so every page entry (renderer, preload) imports this module first,
// before any module that defines a schema. Main (no CSP) keeps zod's fast path.
import { z } from 'zod';

z.config({ jitless: true });
