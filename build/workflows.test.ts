// The GitHub Actions workflows, checked here because they only run on GitHub: each must be valid
// workflow syntax (build/github-workflow.schema.json, strict about keys) and consistent (jobs that
// `needs` exist, expressions are closed and use known contexts, matrix values exist), and must keep
// the jobs the project relies on: CI as .ci/run, the desktop app launched on three OSes, installers.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '.github/workflows');
type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Config;
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const workflow = (name: string) => parse(readFileSync(join(dir, name), 'utf8'), { uniqueKeys: true }) as Config;
const validateSchema = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(root, 'build/github-workflow.schema.json'), 'utf8')) as object);

const CONTEXTS = ['github', 'env', 'vars', 'job', 'jobs', 'steps', 'runner', 'secrets', 'strategy', 'matrix', 'needs', 'inputs'];
const RUNNER_OS = ['Linux', 'Windows', 'macOS'];

/** Every string in a job: names, commands, inputs, conditions. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Everything wrong with a workflow: schema errors first, then what a schema cannot see. */
function problems(wf: Config): string[] {
  if (!validateSchema(wf)) return (validateSchema.errors ?? []).map((e) => `schema: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  const found: string[] = [];
  const jobs = wf.jobs as Record<string, Config>;
  for (const [id, job] of Object.entries(jobs)) {
    const needs = job.needs === undefined ? [] : ([] as string[]).concat(job.needs);
    for (const need of needs) if (!(need in jobs) || need === id) found.push(`jobs.${id}.needs: no job "${need}"`);
    const matrix = typeof job.strategy?.matrix === 'object' ? (job.strategy.matrix as Config) : undefined;
    const texts = strings(job);
    if (texts.some((t) => (t.match(/\$\{\{/g) ?? []).length !== (t.match(/\}\}/g) ?? []).length)) found.push(`jobs.${id}: an expression is not closed`);
    for (const [, expr] of texts.join('\n').matchAll(/\$\{\{(.*?)\}\}/g)) {
      for (const [, context, key] of expr!.matchAll(/(?<![\w.'-])([a-z_]+)\.([A-Za-z_][\w-]*)/g)) {
        if (!CONTEXTS.includes(context!)) found.push(`jobs.${id}: unknown context "${context}" in \${{${expr}}}`);
        if (context === 'matrix' && !(matrix && key! in matrix)) found.push(`jobs.${id}: matrix.${key} is not in the job's matrix`);
      }
    }
    for (const step of job.steps as Config[]) {
      const condition = String(step.if ?? '');
      for (const [, os] of condition.matchAll(/runner\.os\s*[!=]=\s*'([^']*)'/g)) if (!RUNNER_OS.includes(os!)) found.push(`jobs.${id}: runner.os is never '${os}'`);
      for (const [, context] of condition.matchAll(/(?<![\w.'-])([a-z_]+)\.[A-Za-z_]/g)) if (!CONTEXTS.includes(context!)) found.push(`jobs.${id}: unknown context "${context}" in if: ${condition}`);
    }
  }
  return found;
}

const steps = (job: Config) => job.steps as Config[];
const runs = (job: Config) => steps(job).map((s) => s.run as string | undefined).filter((r): r is string => typeof r === 'string');

describe('GitHub workflows are valid', () => {
  it('finds the workflows', () => {
    expect(files.sort()).toEqual(['ci.yml', 'desktop.yml', 'release.yml']);
  });

  for (const file of files) {
    it(`${file}: workflow syntax and consistency`, () => {
      expect(problems(workflow(file))).toEqual([]);
    });
  }

  it('would be refused if they were wrong (the check has teeth)', () => {
    const desktop = workflow('desktop.yml');
    const e2e = desktop.jobs.e2e as Config;
    const broken = (change: (wf: Config) => void) => {
      const copy = structuredClone(desktop);
      change(copy);
      return problems(copy);
    };
    expect(broken((wf) => (wf.jobs.e2e = { ...e2e, runs_on: 'ubuntu-latest' }))).not.toEqual([]);
    expect(broken((wf) => (wf.jobs.e2e.steps[0] = { uses: 'actions/checkout@v4', run: 'echo both' }))).not.toEqual([]);
    expect(broken((wf) => (wf.jobs.e2e.steps[0] = { uses: 'actions/checkout' }))).not.toEqual([]); // unpinned
    expect(broken((wf) => (wf.jobs.installers.needs = 'build'))).toEqual(['jobs.installers.needs: no job "build"']);
    expect(broken((wf) => (wf.jobs.e2e['runs-on'] = '${{ matrix.platform }}'))).toEqual(['jobs.e2e: matrix.platform is not in the job\'s matrix']);
    expect(broken((wf) => (wf.jobs.e2e.name = 'Launch (${{ matrix.os }'))).toEqual(['jobs.e2e: an expression is not closed']);
    expect(broken((wf) => (wf.jobs.e2e.steps[2].if = "runner.os == 'linux'"))).toEqual(["jobs.e2e: runner.os is never 'linux'"]);
    expect(broken((wf) => (wf.on = { push: { branch: ['main'] } }))).not.toEqual([]);
    expect(() => parse('jobs:\n  a: 1\n  a: 2\n', { uniqueKeys: true })).toThrow();
  });
});

describe('GitHub workflows do what the project relies on', () => {
  it('use a supported Node LTS (22 or 24) everywhere', () => {
    for (const file of files) {
      for (const [id, job] of Object.entries(workflow(file).jobs as Record<string, Config>)) {
        if (job.container) expect(String(job.container), `${file} ${id}`).toMatch(/^node:(22|24)[-.]/);
        for (const step of steps(job).filter((s) => String(s.uses).startsWith('actions/setup-node@'))) {
          expect(String(step.with['node-version']), `${file} ${id}`).toMatch(/^(22|24)(\.|$)/);
        }
      }
    }
  });

  it('ci: runs the same checks as .ci/run', () => {
    const ci = workflow('ci.yml');
    expect(runs(ci.jobs.test)).toContain('.ci/run');
    const script = readFileSync(join(root, '.ci/run'), 'utf8');
    for (const check of ['npm ci', 'npm run typecheck', 'npm run lint', 'npm run build', 'npm run audit:electron', 'npm run check:electron-support', 'npm test']) {
      expect(script).toContain(check);
    }
    expect(packageJson.scripts['audit:electron']).toBe('tsx scripts/security-audit.ts');
  });

  it('desktop: launches the built app on Ubuntu (xvfb-run), macOS and Windows, and may not skip it', () => {
    const job = workflow('desktop.yml').jobs.e2e as Config;
    expect(job.strategy.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    const e2eSteps = steps(job).filter((s) => String(s.run).includes('e2e/electron-app.e2e.test.ts'));
    expect(e2eSteps.map((s) => s.if)).toEqual(["runner.os == 'Linux'", "runner.os != 'Linux'"]);
    expect(e2eSteps[0]!.run).toMatch(/^xvfb-run -a /);
    for (const step of e2eSteps) expect(step.env.REQUIRE_ELECTRON).toBe('1');
    const order = runs(job);
    expect(order.indexOf('npm ci')).toBeLessThan(order.indexOf('npm run build'));
    expect(order.indexOf('npm run build')).toBeLessThan(order.findIndex((r) => r.includes('electron-app.e2e')));
  });

  it('desktop: builds the installers as artifacts on every push to main', () => {
    const wf = workflow('desktop.yml');
    expect(wf.on.push.branches).toEqual(['main']);
    const job = wf.jobs.installers as Config;
    expect(job.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(job.strategy.matrix.os).toEqual(['macos-latest', 'windows-latest', 'ubuntu-latest']);
    expect(runs(job)).toEqual(expect.arrayContaining(['npm ci', 'npm run dist']));
    const upload = steps(job).find((s) => String(s.uses).startsWith('actions/upload-artifact@'));
    for (const ext of ['dmg', 'zip', 'exe', 'AppImage', 'deb']) expect(upload?.with.path).toContain(`release/*/*.${ext}`);
    expect(upload?.with['if-no-files-found']).toBe('error');
  });

  it('release: a v* tag builds installers on macOS, Windows and Linux and attaches them', () => {
    const release = workflow('release.yml');
    expect(release.on.push.tags).toEqual(['v*']);
    const job = release.jobs.installers;
    expect(job.strategy.matrix.os).toEqual(['macos-latest', 'windows-latest', 'ubuntu-latest']);
    expect(runs(job)).toEqual(expect.arrayContaining(['npm ci', 'npm run dist', 'npm run audit:electron', 'npm run check:electron-support']));
    const upload = steps(job).find((step) => String(step.uses).startsWith('softprops/action-gh-release'));
    for (const ext of ['dmg', 'zip', 'exe', 'AppImage', 'deb']) expect(upload?.with.files).toContain(`*.${ext}`);
  });
});
