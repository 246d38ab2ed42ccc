/**
 * The HTTP edge's checks on raw input, before guards, pipes and services see it: JSON bodies are
 * refused by nesting depth before they are parsed, NUL bytes are refused in every string of the
 * body (keys and values), the query string and route parameters (PostgreSQL text cannot hold
 * them), malformed percent-encoding in the query string is refused, and only JSON (plus the
 * streamed types the file routes register themselves) is accepted as a body. Fastify's own
 * routing errors (a malformed URL path) answer in the error envelope too.
 */
import type { FastifyBodyParser, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { AppError } from '../errors/app-error';
import { ErrorBody, resolveError, sendError } from './exception.filter';

/** Deepest nesting of arrays/objects accepted in a JSON body. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether JSON text nests deeper than `limit`, found by one pass over the characters (no parsing,
 * no recursion): brackets inside strings do not count. Malformed text is left to the parser.
 */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/** The path of the first key or string value holding a NUL byte, walking iteratively; undefined when none. */
export function findNulByte(value: unknown, root: string): string | undefined {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const childPath = path ? `${path}.${k}` : k;
        if (k.includes('\u0000')) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}

function nulError(path: string): AppError {
  const shown = path.replace(/\u0000/g, '\\u0000') || '(body)';
  const message = `${shown} must not contain NUL bytes (\\u0000)`;
  return AppError.validation(message, [{ path: shown, code: 'nulByte', message }]);
}

/** Percent-decoding that fails on malformed sequences, as the query string must decode. */
function decodes(component: string): boolean {
  try {
    decodeURIComponent(component.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

/**
 * Another dialect's error shape for the errors Fastify answers before routing (a path segment over
 * maxParamLength, malformed percent-encoding), where no hook a module adds later runs; decided from
 * the raw request alone.
 */
export interface FrameworkErrorShape {
  matches(req: FastifyRequest): boolean;
  reshape(body: unknown): unknown;
}

/**
 * Fastify server options for the adapter: errors Fastify raises before routing answer in the error
 * envelope instead of Fastify's own JSON, or in the shape of the dialect whose request it was.
 */
export function inputGuardServerOptions(shapes: readonly FrameworkErrorShape[] = []): Pick<FastifyServerOptions, 'frameworkErrors'> {
  return {
    frameworkErrors: (error: Error, req: FastifyRequest, reply: FastifyReply) => {
      const resolved = resolveError(error);
      const shape = shapes.find((s) => s.matches(req));
      sendError(reply, shape ? { ...resolved, body: shape.reshape(resolved.body) as ErrorBody } : resolved);
    },
  };
}

/** Fastify route config flag (`@RouteConfig({ [RAW_BODY_ROUTE]: true })`): the JSON body's bytes are kept as `req.rawBody` (webhook signatures). */
export const RAW_BODY_ROUTE = 'outpostRawBody';
export type RawBodyRequest = FastifyRequest & { rawBody?: Buffer };

/**
 * Registers the JSON body parser and the URL checks. Call once, before the application is
 * initialised (Nest's own body parsers must be off: `bodyParser: false`).
 */
export function registerInputGuards(fastify: FastifyInstance, bodyLimit: number): void {
  // Only JSON is parsed here; Fastify's default text/plain parser would let text reach JSON routes.
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  // Typed as callback-or-promise; Fastify's default JSON parser is the callback form (it reports through `done`).
  const parseJson = fastify.getDefaultJsonParser('error', 'error') as Exclude<FastifyBodyParser<string>, (...args: never[]) => Promise<unknown>>;
  // Parsed from the bytes, so routes that verify a signature over the exact body can keep them (RAW_BODY_ROUTE).
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (req, body, done) => {
    const bytes = body as Buffer;
    if ((req.routeOptions?.config as { [RAW_BODY_ROUTE]?: boolean } | undefined)?.[RAW_BODY_ROUTE]) (req as RawBodyRequest).rawBody = bytes;
    const text = bytes.toString('utf8');
    if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(
        AppError.badRequest(`JSON body nests deeper than ${MAX_JSON_DEPTH} levels`, [{ path: '', code: 'maxDepth', message: `at most ${MAX_JSON_DEPTH} levels of nested arrays/objects` }]),
        undefined,
      );
      return;
    }
    parseJson(req, text, (err, parsed) => {
      if (err) return done(err, undefined);
      // JSON can only carry a NUL as the escape \u0000 (raw control characters do not parse): walk only then.
      const nul = text.includes('\\u0000') ? findNulByte(parsed, '') : undefined;
      if (nul !== undefined) return done(nulError(nul), undefined);
      done(null, parsed);
    });
  });

  fastify.addHook('onRequest', (req: FastifyRequest, _reply: FastifyReply, next: (err?: Error) => void) => {
    const q = req.url.indexOf('?');
    if (q !== -1 && !decodes(req.url.slice(q + 1))) {
      next(AppError.badRequest('Malformed percent-encoding in the query string'));
      return;
    }
    const nul = findNulByte(req.params ?? {}, 'params') ?? findNulByte(req.query ?? {}, 'query');
    next(nul === undefined ? undefined : nulError(nul));
  });
}
