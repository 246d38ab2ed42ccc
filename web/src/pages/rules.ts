/** Client-side check of egg-style variable rules ('required|integer|between:1,100'); the API re-checks. */
export function checkRules(value: string, rules: string): string | undefined {
  const parts = splitRules(rules);
  const has = (n: string) => parts.some((p) => p.name === n);
  const nullable = has('nullable');
  if (value === '') return has('required') ? 'Required' : undefined;
  if (nullable && value === '') return undefined;
  const numeric = has('integer') || has('numeric');
  for (const { name, arg } of parts) {
    switch (name) {
      case 'integer':
        if (!/^-?\d+$/.test(value)) return 'Must be a whole number';
        break;
      case 'numeric':
        if (!/^-?\d+(\.\d+)?$/.test(value)) return 'Must be a number';
        break;
      case 'boolean':
        if (!['true', 'false', '0', '1'].includes(value)) return 'Must be true/false or 1/0';
        break;
      case 'between': {
        const [lo, hi] = arg.split(',').map(Number);
        const n = numeric ? Number(value) : value.length;
        if (n < lo || n > hi) return numeric ? `Must be between ${lo} and ${hi}` : `Must be ${lo}–${hi} characters`;
        break;
      }
      case 'max': {
        const n = numeric ? Number(value) : value.length;
        if (n > Number(arg)) return numeric ? `At most ${arg}` : `At most ${arg} characters`;
        break;
      }
      case 'min': {
        const n = numeric ? Number(value) : value.length;
        if (n < Number(arg)) return numeric ? `At least ${arg}` : `At least ${arg} characters`;
        break;
      }
      case 'in':
        if (!arg.split(',').includes(value)) return `One of: ${arg.split(',').join(', ')}`;
        break;
      case 'regex': {
        const m = /^\/(.*)\/([a-z]*)$/.exec(arg);
        if (m) {
          try {
            if (!new RegExp(m[1], m[2].replace(/[^imsu]/g, '')).test(value)) return 'Does not have the expected format';
          } catch {
            /* a PCRE-only pattern: leave it to the API */
          }
        }
        break;
      }
    }
  }
  return undefined;
}

function splitRules(rules: string): Array<{ name: string; arg: string }> {
  // A regex argument can contain '|', so split only before a known rule name.
  return rules
    .split(/\|(?=[a-z_]+(?::|\||$))/)
    .filter(Boolean)
    .map((r) => {
      const i = r.indexOf(':');
      return i < 0 ? { name: r, arg: '' } : { name: r.slice(0, i), arg: r.slice(i + 1) };
    });
}

export function ruleHint(rules: string): string {
  return splitRules(rules)
    .filter((r) => r.name !== 'nullable' && r.name !== 'string')
    .map((r) => (r.arg && r.name !== 'regex' ? `${r.name} ${r.arg}` : r.name))
    .join(' · ');
}
