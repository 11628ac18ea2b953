// A reader for the subset of HCL that Vault ACL policies are written in: `path "<pattern>" { ... }`
// blocks whose body assigns `capabilities = [...]` and, optionally, parameter constraints
// (`allowed_parameters = { "k" = [] }`, `required_parameters = [...]`, ...). Comments (#, //, /* */)
// are skipped. Only `capabilities` decides access here; every other attribute is kept as data so a
// policy using it still parses. Anything outside the subset is refused with the line it is on.

export type HclValue = string | number | boolean | HclValue[] | { [key: string]: HclValue };

export interface HclPathBlock {
  readonly path: string;
  readonly attributes: Readonly<Record<string, HclValue>>;
  /** 1-based line of the `path` keyword. */
  readonly line: number;
}

type Token = { kind: 'string' | 'ident' | 'number' | 'punct'; text: string; line: number };

function tokenize(source: string, file: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '#' || (c === '/' && source[i + 1] === '/')) {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`${file}:${line}: unterminated /* comment`);
      line += source.slice(i, end).split('\n').length - 1;
      i = end + 2;
    } else if (c === '"') {
      let text = '';
      i++;
      while (i < source.length && source[i] !== '"') {
        if (source[i] === '\n') throw new Error(`${file}:${line}: newline inside a string`);
        if (source[i] === '\\') {
          const next = source[i + 1];
          text += next === 'n' ? '\n' : next === 't' ? '\t' : (next ?? '');
          i += 2;
        } else {
          text += source[i];
          i++;
        }
      }
      if (i >= source.length) throw new Error(`${file}:${line}: unterminated string`);
      i++;
      tokens.push({ kind: 'string', text, line });
    } else if ('{}[]=,:'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, line });
      i++;
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i));
      if (!m) throw new Error(`${file}:${line}: unexpected ${JSON.stringify(c)}`);
      tokens.push({ kind: 'number', text: m[0], line });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i))!;
      tokens.push({ kind: 'ident', text: m[0], line });
      i += m[0].length;
    } else {
      throw new Error(`${file}:${line}: unexpected ${JSON.stringify(c)}`);
    }
  }
  return tokens;
}

/** Parses a policy's HCL into its path blocks, in source order. `file` names it in errors. */
export function parsePolicyHcl(source: string, file = 'policy.hcl'): HclPathBlock[] {
  const tokens = tokenize(source, file);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (expected: string): never => {
    const t = peek();
    throw new Error(`${file}:${t?.line ?? 'end'}: expected ${expected}, found ${t ? JSON.stringify(t.text) : 'end of file'}`);
  };
  const take = (kind: Token['kind'], text?: string): Token => {
    const t = peek();
    if (!t || t.kind !== kind || (text !== undefined && t.text !== text)) fail(text ?? kind);
    pos++;
    return t!;
  };
  const isPunct = (text: string) => peek()?.kind === 'punct' && peek()!.text === text;

  function value(): HclValue {
    const t = peek();
    if (!t) return fail('a value');
    if (t.kind === 'string') return (pos++, t.text);
    if (t.kind === 'number') return (pos++, Number(t.text));
    if (t.kind === 'ident' && (t.text === 'true' || t.text === 'false')) return (pos++, t.text === 'true');
    if (isPunct('[')) {
      pos++;
      const items: HclValue[] = [];
      while (!isPunct(']')) {
        items.push(value());
        if (isPunct(',')) pos++;
        else if (!isPunct(']')) fail('"," or "]"');
      }
      pos++;
      return items;
    }
    if (isPunct('{')) {
      pos++;
      const body = objectBody();
      take('punct', '}');
      return body;
    }
    return fail('a value');
  }

  function objectBody(): Record<string, HclValue> {
    const out: Record<string, HclValue> = {};
    while (peek() && !isPunct('}')) {
      const key = peek()!.kind === 'string' || peek()!.kind === 'ident' ? tokens[pos++]!.text : fail('a key');
      if (isPunct('=') || isPunct(':')) pos++;
      else if (!isPunct('{')) fail('"="');
      out[key] = value();
      if (isPunct(',')) pos++;
    }
    return out;
  }

  const blocks: HclPathBlock[] = [];
  while (peek()) {
    const keyword = take('ident');
    if (keyword.text !== 'path') throw new Error(`${file}:${keyword.line}: expected a path block, found ${JSON.stringify(keyword.text)}`);
    const path = take('string').text;
    take('punct', '{');
    const attributes = objectBody();
    take('punct', '}');
    blocks.push({ path, attributes, line: keyword.line });
  }
  return blocks;
}
