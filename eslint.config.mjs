// @ts-check
// Type-aware lint for the server, agent, libs, tests and benches (the dashboard in web/ has its own setup).
// Besides bug-finding rules it holds the architecture rules: where TypeORM may be imported, and that a
// feature module does not reach into another module's repositories or entities.
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import ts from 'typescript';

const ROOT = import.meta.dirname;
const MODULES_DIR = path.join(ROOT, 'src/modules');

/**
 * Files that may import another module's entities, and why. Everything else goes through the owning
 * module's service and the types it exports.
 */
const CROSS_MODULE_ENTITY_IMPORTS = {
  'src/core/database/entities.ts': 'the one list of entities handed to TypeORM',
  // Relations inside the identity folders need no entry: they are one module.
  'src/modules/gameserver/entities/gameserver.entity.ts': 'typed relations to Node and Workload (type-only; the decorators name them by string)',
};

/** tsconfig `paths` (e.g. `@libs/*`), so aliased imports are resolved like relative ones. */
function readPathAliases() {
  // TypeScript's reader accepts the comments and trailing commas tsconfig files may carry.
  const { config } = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { baseUrl = '.', paths = {} } = config?.compilerOptions ?? {};
  return Object.entries(paths).map(([alias, [target]]) => ({ prefix: alias.replace(/\*$/, ''), target: path.join(ROOT, baseUrl, target.replace(/\*$/, '')) }));
}
const PATH_ALIASES = readPathAliases();

function resolveSpecifier(fromFile, specifier) {
  if (specifier.startsWith('.')) return path.resolve(path.dirname(fromFile), specifier);
  const alias = PATH_ALIASES.find((a) => specifier.startsWith(a.prefix));
  return alias ? path.join(alias.target, specifier.slice(alias.prefix.length)) : undefined;
}

/**
 * Folders that one Nest module composes from src/modules/<name>.module.ts (today: identity.module.ts, "one module
 * because these reference each other tightly; each keeps its own folder"). They are one unit for the boundary rule.
 */
function readModuleGroups() {
  const groups = new Map();
  for (const entry of fs.readdirSync(MODULES_DIR)) {
    if (!entry.endsWith('.module.ts')) continue;
    const source = fs.readFileSync(path.join(MODULES_DIR, entry), 'utf8');
    for (const [, folder] of source.matchAll(/from '\.\/([^/']+)\//g)) groups.set(folder, entry.replace(/\.module\.ts$/, ''));
  }
  return groups;
}
const MODULE_GROUPS = readModuleGroups();

/** `gameserver` for src/modules/gameserver/**, `identity` for the folders identity.module.ts composes; undefined outside a feature module (and for src/modules/*.ts roots). */
function featureModuleOf(file) {
  const rel = path.relative(MODULES_DIR, file);
  if (rel.startsWith('..')) return undefined;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? (MODULE_GROUPS.get(parts[0]) ?? parts[0]) : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'A feature module uses another module through its module, services, DTOs and exported types, never its repositories or entities; libs/ never imports src/; the node agent never imports the control plane modules.',
    },
    schema: [],
    messages: {
      repository: "'{{specifier}}' is the {{target}} module's repository: go through its service (cross-module table access breaks the tenancy wall).",
      entity: "'{{specifier}}' is one of the {{target}} module's entities: use the type its service exports (allowed exceptions are listed in eslint.config.mjs).",
      libsToSrc: "'{{specifier}}' reaches into src/ from libs/: libs sit below the application and must not depend on it.",
      agentToModules: "'{{specifier}}' is control-plane code: the node agent runs without a database and talks to it only through libs/agent-protocol.",
    },
  },
  create(context) {
    const file = context.filename;
    const relFile = path.relative(ROOT, file).split(path.sep).join('/');
    const ownModule = featureModuleOf(file);
    const inLibs = relFile.startsWith('libs/');
    const inAgent = relFile.startsWith('src/agent/');
    if (!ownModule && !inLibs && !inAgent) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const target = resolveSpecifier(file, specifier);
      if (!target) return;
      if (inLibs) {
        if (!path.relative(path.join(ROOT, 'src'), target).startsWith('..')) context.report({ node, messageId: 'libsToSrc', data: { specifier } });
        return;
      }
      if (inAgent) {
        if (!path.relative(MODULES_DIR, target).startsWith('..')) context.report({ node, messageId: 'agentToModules', data: { specifier } });
        return;
      }
      const targetModule = featureModuleOf(target);
      if (!targetModule || targetModule === ownModule) return;
      const data = { specifier, target: targetModule };
      if (/\.repository(\.ts)?$/.test(target)) context.report({ node, messageId: 'repository', data });
      else if (target.split(path.sep).includes('entities') && !(relFile in CROSS_MODULE_ENTITY_IMPORTS)) context.report({ node, messageId: 'entity', data });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      // `import('../x').T` in a type position.
      TSImportType: (node) => {
        const arg = /** @type {any} */ (node).argument;
        const literal = arg?.type === 'TSLiteralType' ? arg.literal : arg;
        if (literal?.type === 'Literal') check(node, literal.value);
      },
    };
  },
};

/** TypeORM is the persistence layer: repositories, entities, migrations and the database wiring use it; nothing else. */
const TYPEORM_ALLOWED = [
  'src/**/*.repository.ts',
  'src/**/*.entity.ts',
  'src/migrations/**',
  'src/core/database/**',
  'libs/tenancy/**',
  'libs/search/**', // the search engine builds TypeORM queries for every module's repository
  'ormconfig.ts',
  'src/app.module.ts', // TypeOrmModule.forRootAsync
  'src/core/http/exception.filter.ts', // maps PostgreSQL errors (QueryFailedError) to HTTP centrally
  'src/core/health/health.controller.ts', // database ping
  'src/core/bootstrap-hint.ts', // reads the DataSource to explain a failed start
  // Services that own a transaction spanning several repositories (they pass the EntityManager down).
  'src/modules/auth/auth.service.ts',
  'src/modules/domain/domain.service.ts',
  'src/modules/gameserver/gameserver.service.ts',
  'src/modules/gameserver/allocation.service.ts', // port changes: a per-node lock, the allocation rows and the server's container flag in one transaction
  'src/modules/membership/membership.service.ts',
  'src/modules/user/user.service.ts',
  'src/modules/schedule/schedule-runs.service.ts', // claims due schedules, inserts runs and enqueues their pg-boss jobs in one transaction
  'src/modules/integration/integration-deliveries.service.ts', // inserts deliveries (and records retries) with their pg-boss jobs in one transaction
  // Tests and benches seed and inspect the real database directly.
  'test/**',
  'bench/**',
  '**/*.spec.ts',
  '**/*.test.ts',
];
const TYPEORM_MESSAGE = 'TypeORM belongs in *.repository.ts, entities, migrations and src/core/database (see TYPEORM_ALLOWED in eslint.config.mjs).';

export default defineConfig(
  { ignores: ['dist/**', 'libs/*/dist/**', 'web/**', 'node_modules/**', '.data/**', 'docker/**', 'scripts/**', 'libs/client/schema.ts', 'eslint.config.mjs', '.stryker-tmp/**', 'reports/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked, prettier],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ROOT } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { outpost: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's describe/it return promises the runner itself awaits.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      'outpost/module-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Off, each for a reason that holds across this codebase:
      // `Function` is how TypeORM, class-transformer and Nest metadata type a class constructor (entity lists, output serializers).
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Async methods without await keep a Promise-returning contract (interfaces, handlers); promise misuse is caught by the two rules above.
      '@typescript-eslint/require-await': 'off',
      // String enums are compared with their literal values on purpose (DB rows, wire frames); TypeScript already rejects comparisons with no overlap.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // The typed-EventEmitter pattern (class + same-named interface declaring on/emit overloads) is deliberate.
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
      // Input sanitizing matches NUL and control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests and benches read untyped JSON responses and frames all day; `any` there is the point, not a leak.
    // Promise rules stay on: an un-awaited assertion is a test that cannot fail.
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Stringifying in assertion messages and frame dumps only affects what a failure prints.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/restrict-plus-operands': 'off',
      // A unit test builds fixtures of the entities its subject receives; tests are not part of the module graph.
      'outpost/module-boundaries': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    ignores: TYPEORM_ALLOWED,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'typeorm', message: TYPEORM_MESSAGE },
            // Feature modules register their entities with TypeOrmModule.forFeature; nothing else from @nestjs/typeorm.
            { name: '@nestjs/typeorm', message: TYPEORM_MESSAGE, allowImportNames: ['TypeOrmModule'] },
          ],
        },
      ],
    },
  },
);
