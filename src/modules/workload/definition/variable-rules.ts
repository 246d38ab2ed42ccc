// Why this file is over 300 lines: the Laravel rule set eggs use (about 25 rules) with PHP regex
// translation; each rule is a few lines, and splitting the list would split one switch.
/**
 * Variable rules as Pterodactyl and Pelican eggs write them (Laravel validation strings such as
 * `required|string|regex:/^[a-z]+$/`): parsing, checking a rule string, and evaluating a value,
 * with PHP regexes run under a time budget. Pure; no framework, no database.
 */
import { Script, createContext } from 'node:vm';
/** Longest accepted `regex:` pattern. */
export const MAX_REGEX_PATTERN_LENGTH = 512;
/** Wall-clock budget for one regex test; catastrophic backtracking is cut off here. */
export const REGEX_TIMEOUT_MS = 50;

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

export interface ParsedRule {
  name: string;
  /** Raw text after the first ':' (undefined when the rule has no parameter). */
  param?: string;
}

const SUPPORTED_RULES = new Set([
  'required',
  'nullable',
  'sometimes',
  'string',
  'integer',
  'numeric',
  'boolean',
  'in',
  'not_in',
  'between',
  'min',
  'max',
  'size',
  'regex',
  'not_regex',
  'alpha',
  'alpha_num',
  'alpha_dash',
  'url',
  'digits',
  'digits_between',
]);
const RULES_NEEDING_PARAM = new Set(['in', 'not_in', 'between', 'min', 'max', 'size', 'regex', 'not_regex', 'digits', 'digits_between']);

/**
 * Splits a `|`-separated rule string. Unlike Laravel's naive explode, a `regex:/a|b/` rule keeps its
 * pipes: segments are re-joined until the pattern's closing delimiter is reached.
 */
export function parseRules(rules: string): ParsedRule[] {
  const parts = rules.split('|');
  const out: ParsedRule[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i].trim();
    if (part === '') continue;
    const colon = part.indexOf(':');
    const name = (colon === -1 ? part : part.slice(0, colon)).trim().toLowerCase();
    if ((name === 'regex' || name === 'not_regex') && colon !== -1) {
      let body = part.slice(colon + 1);
      while (!regexBodyComplete(body) && i + 1 < parts.length) {
        i++;
        body += '|' + parts[i];
      }
      out.push({ name, param: body });
      continue;
    }
    out.push(colon === -1 ? { name } : { name, param: part.slice(colon + 1) });
  }
  return out;
}

function regexBodyComplete(body: string): boolean {
  if (body.length < 2) return false;
  const delim = body[0];
  const close = closingDelimiter(delim);
  const m = /[a-zA-Z]*$/.exec(body);
  const beforeFlags = body.slice(0, body.length - (m ? m[0].length : 0));
  if (beforeFlags.length < 2 || beforeFlags[beforeFlags.length - 1] !== close) return false;
  // The closing delimiter must not be escaped.
  let backslashes = 0;
  for (let j = beforeFlags.length - 2; j >= 0 && beforeFlags[j] === '\\'; j--) backslashes++;
  return backslashes % 2 === 0;
}

function closingDelimiter(d: string): string {
  return ({ '(': ')', '[': ']', '{': '}', '<': '>' } as Record<string, string>)[d] ?? d;
}

/**
 * Converts a PHP (PCRE) delimited pattern like `/^([\w\d._-]+)(\.jar)$/i` to a JS RegExp.
 * Throws an Error with a readable reason when it cannot.
 */
export function compilePhpRegex(delimited: string): RegExp {
  if (delimited.length > MAX_REGEX_PATTERN_LENGTH) {
    throw new Error(`pattern longer than ${MAX_REGEX_PATTERN_LENGTH} characters`);
  }
  const delim = delimited[0];
  if (delim === undefined || /[A-Za-z0-9\\\s]/.test(delim)) {
    throw new Error('pattern must start with a delimiter such as "/"');
  }
  const close = closingDelimiter(delim);
  const end = delimited.lastIndexOf(close);
  if (end <= 0) throw new Error(`pattern has no closing "${close}" delimiter`);
  let source = delimited.slice(1, end);
  const phpFlags = delimited.slice(end + 1);
  let flags = '';
  for (const f of phpFlags) {
    if (f === 'i' || f === 'm' || f === 's' || f === 'u') {
      if (!flags.includes(f)) flags += f;
    } else if (f === 'D') {
      // PCRE_DOLLAR_ENDONLY: JS `$` (without m) already matches only at the very end.
    } else {
      throw new Error(`unsupported pattern modifier "${f}"`);
    }
  }
  if (delim !== '/') source = source.split('\\' + delim).join(delim);
  // The few PCRE spellings JS lacks, as used in eggs.
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$');
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new Error(`invalid regular expression: ${(e as Error).message}`, { cause: e });
  }
}

// One shared context; the vm timeout interrupts runaway backtracking, which plain RegExp cannot.
let regexContext: ReturnType<typeof createContext> | undefined;
const regexScript = new Script('__re.lastIndex = 0; __re.test(__s)');

/**
 * Tests a regex with a time budget. Returns null when the budget ran out twice: the budget is wall
 * time, so a busy machine can exhaust it on a harmless pattern; a second, larger budget tells that
 * apart from runaway backtracking, which exhausts any budget.
 */
export function safeRegexTest(re: RegExp, value: string, timeoutMs = REGEX_TIMEOUT_MS): boolean | null {
  return regexTestWithin(re, value, timeoutMs) ?? regexTestWithin(re, value, timeoutMs * 4);
}

function regexTestWithin(re: RegExp, value: string, timeoutMs: number): boolean | null {
  regexContext ??= createContext({ __re: null, __s: '' });
  regexContext.__re = re;
  regexContext.__s = value;
  try {
    return regexScript.runInContext(regexContext, { timeout: timeoutMs }) === true;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return null;
    throw e;
  } finally {
    regexContext.__re = null;
    regexContext.__s = '';
  }
}

/** Laravel's str_getcsv-style list for `in:` / `not_in:` (supports "quoted, values"). */
function parseList(param: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < param.length; i++) {
    const c = param[i];
    if (quoted) {
      if (c === '"' && param[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Problems with a rule string itself (unknown rule, bad parameter, uncompilable regex). */
export function checkRules(rules: string): string[] {
  const problems: string[] = [];
  for (const r of parseRules(rules)) {
    if (!SUPPORTED_RULES.has(r.name)) {
      problems.push(`unsupported rule "${r.name}"`);
      continue;
    }
    if (RULES_NEEDING_PARAM.has(r.name) && (r.param === undefined || r.param === '')) {
      problems.push(`rule "${r.name}" needs a parameter`);
      continue;
    }
    if (r.param === undefined) continue;
    if (r.name === 'regex' || r.name === 'not_regex') {
      try {
        compilePhpRegex(r.param);
      } catch (e) {
        problems.push(`rule "${r.name}": ${(e as Error).message}`);
      }
    } else if (r.name === 'between' || r.name === 'digits_between') {
      const [a, b, extra] = r.param.split(',');
      if (extra !== undefined || !isNumeric(a ?? '') || !isNumeric(b ?? '') || Number(a) > Number(b)) {
        problems.push(`rule "${r.name}" needs "min,max" numbers, got "${r.param}"`);
      }
    } else if (r.name === 'min' || r.name === 'max' || r.name === 'size' || r.name === 'digits') {
      if (!isNumeric(r.param)) problems.push(`rule "${r.name}" needs a number, got "${r.param}"`);
    }
  }
  return problems;
}

// PHP is_numeric (PHP 8: surrounding whitespace allowed).
function isNumeric(v: string): boolean {
  return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v);
}
// PHP filter_var(FILTER_VALIDATE_INT): optional sign, no leading zeros, surrounding whitespace trimmed.
function isInteger(v: string): boolean {
  return /^\s*[+-]?(0|[1-9]\d*)\s*$/.test(v);
}
function charLength(v: string): number {
  return [...v].length;
}

export interface ValueError {
  path: string;
  code: string;
  message: string;
}

/**
 * Evaluates a rule string against one value the way Laravel does for egg variables: an empty
 * value only fails `required` (other rules are skipped), sizes are numeric when the rules say
 * `integer`/`numeric`, else string lengths.
 */
export function evaluateRules(label: string, path: string, rules: string, value: string): ValueError[] {
  const parsed = parseRules(rules);
  const errors: ValueError[] = [];
  const err = (code: string, message: string): void => {
    errors.push({ path, code, message: `The ${label} variable ${message}` });
  };
  if (value.trim() === '') {
    if (parsed.some((r) => r.name === 'required')) err('required', 'is required.');
    return errors;
  }
  const numericRules = parsed.some((r) => r.name === 'integer' || r.name === 'numeric');
  const sizeOf = (): { size: number; unit: string } => (numericRules && isNumeric(value) ? { size: Number(value), unit: '' } : { size: charLength(value), unit: ' characters' });

  for (const r of parsed) {
    const p = r.param ?? '';
    switch (r.name) {
      case 'required':
      case 'nullable':
      case 'sometimes':
      case 'string': // values are always strings here
        break;
      case 'integer':
        if (!isInteger(value)) err('integer', 'must be an integer.');
        break;
      case 'numeric':
        if (!isNumeric(value)) err('numeric', 'must be a number.');
        break;
      case 'boolean':
        // Laravel accepts true/false/0/1; as strings that leaves '0' and '1'.
        if (value !== '0' && value !== '1') err('boolean', 'must be 0 or 1.');
        break;
      case 'in':
        if (!parseList(p).includes(value)) err('in', `must be one of: ${parseList(p).join(', ')}.`);
        break;
      case 'not_in':
        if (parseList(p).includes(value)) err('not_in', `must not be one of: ${parseList(p).join(', ')}.`);
        break;
      case 'between': {
        const [a, b] = p.split(',').map(Number);
        const { size, unit } = sizeOf();
        if (!(size >= a && size <= b)) err('between', `must be between ${a} and ${b}${unit}.`);
        break;
      }
      case 'min': {
        const { size, unit } = sizeOf();
        if (!(size >= Number(p))) err('min', `must be at least ${p}${unit}.`);
        break;
      }
      case 'max': {
        const { size, unit } = sizeOf();
        if (!(size <= Number(p))) err('max', `must not be greater than ${p}${unit}.`);
        break;
      }
      case 'size': {
        const { size, unit } = sizeOf();
        if (size !== Number(p)) err('size', `must be ${p}${unit}.`);
        break;
      }
      case 'digits':
        if (!/^\d+$/.test(value) || value.length !== Number(p)) err('digits', `must be ${p} digits.`);
        break;
      case 'digits_between': {
        const [a, b] = p.split(',').map(Number);
        if (!/^\d+$/.test(value) || value.length < a || value.length > b) err('digits_between', `must be between ${a} and ${b} digits.`);
        break;
      }
      case 'alpha':
        if (!/^[\p{L}\p{M}]+$/u.test(value)) err('alpha', 'must only contain letters.');
        break;
      case 'alpha_num':
        if (!/^[\p{L}\p{M}\p{N}]+$/u.test(value)) err('alpha_num', 'must only contain letters and numbers.');
        break;
      case 'alpha_dash':
        if (!/^[\p{L}\p{M}\p{N}_-]+$/u.test(value)) err('alpha_dash', 'must only contain letters, numbers, dashes, and underscores.');
        break;
      case 'url':
        if (!isUrl(value)) err('url', 'must be a valid URL.');
        break;
      case 'regex':
      case 'not_regex': {
        let re: RegExp;
        try {
          re = compilePhpRegex(p);
        } catch (e) {
          err('invalid_rule', `has an unusable ${r.name} rule: ${(e as Error).message}.`);
          break;
        }
        const hit = safeRegexTest(re, value);
        if (hit === null) err('regex_timeout', 'could not be checked: its pattern takes too long on this value.');
        else if (r.name === 'regex' ? !hit : hit) err(r.name, 'format is invalid.');
        break;
      }
      default:
        // Unknown rules are reported by validateDefinition; ignoring them here keeps servers usable.
        break;
    }
  }
  return errors;
}

function isUrl(v: string): boolean {
  if (/\s/.test(v)) return false;
  try {
    const u = new URL(v);
    return /^[a-z][a-z0-9+.-]*:$/i.test(u.protocol) && u.hostname !== '';
  } catch {
    return false;
  }
}
