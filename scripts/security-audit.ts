// The Electron security gate: runs Doyensec's Electronegativity over the app's own code (main/,
// renderer/, shared/; tests excluded, they do not ship) and fails on any finding that is not
// justified, with a reason, in build/security-audit-justifications.json.
// Electronegativity has no fail-on-findings exit code and is unmaintained: it is run through its
// programmatic `run()`, and its attempt to fetch translations and Electron releases fails soft.
// Usage: npm run audit:electron   (exit 0: clean; 1: unjustified findings; 2: the audit could not run)
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCANNED_DIRS = ['main', 'renderer', 'shared'];
export const JUSTIFICATIONS_FILE = join(root, 'build', 'security-audit-justifications.json');

export const JustificationsSchema = z
  .object({
    justified: z.array(
      z
        .object({
          check: z.string().regex(/^[A-Z0-9_]+$/, 'an Electronegativity check id, e.g. OPEN_EXTERNAL_JS_CHECK'),
          file: z.string().min(1),
          reason: z.string().trim().min(20, 'say why this finding is acceptable (20 characters at least)'),
        })
        .strict(),
    ),
  })
  .passthrough();
export type Justification = z.infer<typeof JustificationsSchema>['justified'][number];

export interface Finding {
  check: string;
  file: string;
  line: number;
  severity: string;
  description: string;
}

export interface AuditOutcome {
  unjustified: Finding[];
  justified: { finding: Finding; reason: string }[];
  /** Justifications that matched nothing: the code changed, the entry should go. */
  stale: Justification[];
}

/** A finding is justified by an entry for the same check in the same file. */
export function judgeFindings(findings: Finding[], justifications: Justification[]): AuditOutcome {
  const outcome: AuditOutcome = { unjustified: [], justified: [], stale: [] };
  const used = new Set<Justification>();
  for (const finding of findings) {
    const match = justifications.find((j) => j.check === finding.check && j.file === finding.file);
    if (match) {
      used.add(match);
      outcome.justified.push({ finding, reason: match.reason });
    } else outcome.unjustified.push(finding);
  }
  outcome.stale = justifications.filter((j) => !used.has(j));
  return outcome;
}

export function loadJustifications(path: string): Justification[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const parsed = JustificationsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${path} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.justified;
}

interface ElectronegativityIssue {
  id: string;
  file: string;
  location: { line: number };
  severity: { name: string };
  description: string;
}
type RunElectronegativity = (options: Record<string, unknown>, forCli: boolean) => Promise<{ issues: ElectronegativityIssue[]; errors: unknown[] }>;

/** Scans a copy of the app's sources (tests left out) as one project, so global checks see it all. */
export async function scanSources(sourceRoot: string, dirs: string[] = SCANNED_DIRS): Promise<{ findings: Finding[]; errors: unknown[] }> {
  const require = createRequire(import.meta.url);
  const run = require('@doyensec/electronegativity') as RunElectronegativity;
  const electronVersion = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
  const copy = mkdtempSync(join(tmpdir(), 'pkce-inspector-audit-'));
  try {
    for (const dir of dirs) cpSync(join(sourceRoot, dir), join(copy, dir), { recursive: true, filter: (path) => !/\.test\.tsx?$/.test(path) && !path.includes('node_modules') });
    writeFileSync(join(copy, 'package.json'), JSON.stringify({ name: 'audit', devDependencies: { electron: electronVersion } }));
    const result = await run({ input: copy, isRelative: true, electronVersionOverride: electronVersion, customScan: [], excludeFromScan: [], parserPlugins: [] }, false);
    // Paths with forward slashes on every OS, as the justifications file writes them.
    const findings = result.issues.map((issue) => ({ check: issue.id, file: issue.file.replaceAll('\\', '/'), line: issue.location.line, severity: issue.severity.name, description: issue.description }));
    return { findings, errors: result.errors };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const justifications = loadJustifications(JUSTIFICATIONS_FILE);
  const { findings, errors } = await scanSources(root);
  if (errors.length > 0) {
    console.error(`Electronegativity could not parse ${errors.length} file(s):`, errors);
    return 2;
  }
  const outcome = judgeFindings(findings, justifications);
  for (const { finding, reason } of outcome.justified) console.log(`justified  ${finding.check} ${finding.file}:${finding.line} (${reason})`);
  for (const stale of outcome.stale) console.warn(`stale justification (matches nothing, remove it): ${stale.check} ${stale.file}`);
  for (const finding of outcome.unjustified) console.error(`UNJUSTIFIED ${finding.severity} ${finding.check} ${finding.file}:${finding.line}: ${finding.description}`);
  console.log(`\n${findings.length} finding(s): ${outcome.justified.length} justified, ${outcome.unjustified.length} unjustified.`);
  if (outcome.unjustified.length > 0) {
    console.error('Fix them, or justify each in build/security-audit-justifications.json with a reason.');
    return 1;
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
