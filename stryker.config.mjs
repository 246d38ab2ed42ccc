// @ts-check
// Mutation testing (StrykerJS) of the small modules whose correctness is the product's promise.
// `npm run test:mutation` runs every module (stryker.run.mjs); `npx stryker run` alone runs the one
// named by STRYKER_MODULE (default: state-machine, the CI smoke subset).
//
// Why this setup: the specs run with node:test on compiled JavaScript, so Stryker instruments the
// TypeScript once (mutant schemata), `buildCommand` compiles only the module's specs (stryker/tsconfig.<module>.json)
// (seconds, not the whole project), and the tap runner runs the compiled spec files, switching the
// active mutant through an environment variable: one compile per module, not one per mutant.
// Coverage analysis is per test file (the tap runner's unit), so a mutant runs only the files that
// reach it, and mutants no test reaches are reported as such instead of being run.
// Stryker 9.6 (not 10): 10.x requires Node 22 and the project runs on Node 20 (docker/Dockerfile).

import { readFileSync } from 'node:fs';

/**
 * `file:first-last`: the lines from the first one matching `from` up to the line before the first
 * later one matching `before`. Found from the code on every run, so the range follows the rule
 * when code above it is added or removed (fixed line numbers went stale once and mutated the
 * wrong code); a marker that is gone is an error, not a silent range.
 * @param {string} file @param {RegExp} from @param {RegExp} before
 */
function linesBetween(file, from, before) {
  const lines = readFileSync(new URL(file, import.meta.url), 'utf8').split('\n');
  const start = lines.findIndex((l) => from.test(l));
  const end = start < 0 ? -1 : lines.findIndex((l, i) => i > start && before.test(l));
  if (start < 0 || end < 0) throw new Error(`stryker.config.mjs: the markers ${from} … ${before} are no longer in ${file}`);
  return `${file}:${start + 1}-${end}`;
}

/**
 * What each module mutates and which compiled specs kill its mutants. Line ranges keep the
 * mutation on the rule under test (planner: the pure scoring; server-files: path confinement).
 * @type {Record<string, { mutate: string[]; specs: string[]; env?: Record<string, string> }>}
 */
export const MODULES = {
  'state-machine': {
    mutate: ['src/modules/gameserver/state-machine.ts'],
    specs: ['dist/src/modules/gameserver/state-machine.spec.js'],
  },
  'lifecycle-decisions': {
    mutate: ['src/modules/gameserver/lifecycle-decisions.ts'],
    specs: ['dist/src/modules/gameserver/lifecycle-decisions.spec.js'],
  },
  planner: {
    // allowance(), evaluateFit(), chooseNode(): the PlannerService class only wires repositories to them.
    mutate: [linesBetween('src/modules/gameserver/planner.service.ts', /^const allowance = /, /^@Injectable\(\)/)],
    specs: ['dist/src/modules/gameserver/planner.service.spec.js'],
  },
  search: {
    // The where/order builder and its rules. search-input.ts (the request DTO and OpenAPI schema) is not mutated:
    // class-validator decorators are exercised by test/search through the HTTP API, not by this spec.
    mutate: ['libs/search/search-engine.ts', 'libs/search/field-range.ts', 'libs/search/search-spec.ts'],
    specs: ['dist/libs/search/search-engine.spec.js', 'dist/libs/search/field-range.spec.js'],
  },
  tenancy: {
    mutate: ['libs/tenancy/scoped-repository.ts', 'libs/tenancy/domain-id.ts'],
    specs: ['dist/libs/tenancy/scoped-repository.spec.js'],
  },
  'privilege-policy': {
    mutate: ['src/modules/auth/privilege-policy.ts', 'src/modules/auth/permissions.ts'],
    specs: ['dist/src/modules/auth/privilege-policy.spec.js'],
  },
  'server-files': {
    // The refused-character patterns and the path handling block (realRoot … openFile).
    mutate: [
      linesBetween('libs/server-files/server-files.ts', /^const FORBIDDEN_CHARS = /, /^$/),
      linesBetween('libs/server-files/server-files.ts', /^  private realRoot\(\)/, /^  private async readDirSorted\(/),
    ],
    specs: ['dist/libs/server-files/path-rules.spec.js', 'dist/libs/server-files/server-files.spec.js'],
    // The matrix rebuilds its fixture only after a case that was not refused (see the spec): ~2.5x fewer rebuilds per mutant.
    env: { SERVER_FILES_MATRIX: 'fast' },
  },
};

/**
 * @param {string} name
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function configFor(name) {
  const module = MODULES[name];
  if (!module) throw new Error(`Unknown mutation module "${name}" (one of: ${Object.keys(MODULES).join(', ')})`);
  return {
    packageManager: 'npm',
    mutate: module.mutate,
    // The sandbox needs the sources the specs import; not the build output, the dashboard or data.
    ignorePatterns: ['dist', 'web', '.data', 'screenshots', 'docs', 'bench', 'reports', '.stryker-tmp', 'docker'],
    // One tsconfig per module (stryker/): a module's build and type check don't depend on the others' specs.
    buildCommand: `node stryker/build.mjs ${name}`,
    testRunner: 'tap',
    tap: { testFiles: module.specs, nodeArgs: ['--test-reporter=tap'], forceBail: true },
    checkers: ['typescript'],
    tsconfigFile: `stryker/tsconfig.${name}.json`,
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    coverageAnalysis: 'perTest',
    concurrency: 2,
    // Specs on PostgreSQL create a throwaway database per run; a mutant that hangs is a timeout (counted as detected).
    timeoutMS: 30_000,
    reporters: ['clear-text', 'json', 'html', 'progress'],
    jsonReporter: { fileName: `reports/mutation/${name}.json` },
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
    tempDirName: '.stryker-tmp',
    cleanTempDir: true,
    thresholds: { high: 90, low: 80 },
  };
}

export default configFor(process.env.STRYKER_MODULE ?? 'state-machine');
