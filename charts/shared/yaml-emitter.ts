// A YAML emitter for JSON-shaped objects that writes byte for byte what the `yaml` package's
// stringify writes with toYaml's options (YAML 1.1, lineWidth 0, block style, no aliases), without
// building yaml's node tree first: emitting YAML was a third of a cold render (issue #10,
// docs/decisions/0045). Its scalar rules follow yaml's stringifyString for exactly those options;
// anything outside them (a Date, an undefined array item, a key over 1024 characters, a document
// marker at the root) throws NotEmittable and toYaml falls back to yaml itself.
import { Document } from 'yaml';

export class NotEmittable extends Error {}

/** The implicit-type tests of yaml's YAML 1.1 schema: a plain string matching one would read back as another type. */
const IMPLICIT_TYPE_TESTS: readonly RegExp[] = (() => {
  const schema = new Document(null, { version: '1.1' }).schema as unknown as {
    tags: { default?: boolean; tag: string; test?: RegExp }[];
    compat?: { default?: boolean; tag: string; test?: RegExp }[] | null;
  };
  return [...schema.tags, ...(schema.compat ?? [])]
    .filter((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test)
    .map((t) => t.test!);
})();

const INDENT_STEP = '  ';
const FORCE_DOUBLE_QUOTES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
// Starts with an indicator, is a lone `-`/`?`, holds `: `, ` #`, or ends in a space or colon.
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOUBLE_QUOTE_MIN_MULTILINE = 40;
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

const containsDocumentMarker = (s: string) => /^(%|---|\.\.\.)/m.test(s);

/**
 * One YAML document (with its final newline) for a JSON-shaped object, keys in serialize.ts's
 * sortKeys order (apiVersion, kind, metadata first at the top, the rest sorted) without building
 * the sorted copy.
 */
export function emitYaml(root: unknown): string {
  if (!isPlainObject(root) || Object.keys(root).length === 0) throw new NotEmittable('the root is not a non-empty mapping');
  return emitMap(root, '', true) + '\n';
}

const TOP_LEVEL_ORDER = ['apiVersion', 'kind', 'metadata'];

/** The key order of sortKeys (serialize.ts): at the top level apiVersion, kind and metadata first; then by code unit. */
export function compareKeys(topLevel: boolean): (a: string, b: string) => number {
  return (a, b) => {
    if (topLevel) {
      const ia = TOP_LEVEL_ORDER.indexOf(a);
      const ib = TOP_LEVEL_ORDER.indexOf(b);
      if (ia !== -1 || ib !== -1) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
    }
    return a < b ? -1 : a > b ? 1 : 0;
  };
}

const isArrayIndex = (key: string) => {
  const n = Number(key);
  return String(n) === key && n >= 0 && Number.isInteger(n) && n < 2 ** 32 - 1;
};

/**
 * The key order of sortKeys' result: its entries sorted, then made an object again, which puts
 * array-index keys ("0", "10") first in numeric order, as Object.keys lists them.
 */
function sortedKeys(map: Record<string, unknown>, topLevel: boolean): string[] {
  const keys = Object.keys(map);
  let indexKeys = 0;
  while (indexKeys < keys.length && isArrayIndex(keys[indexKeys]!)) indexKeys++;
  const rest = keys.slice(indexKeys).sort(compareKeys(topLevel));
  return indexKeys === 0 ? rest : [...keys.slice(0, indexKeys), ...rest];
}

function emitMap(map: Record<string, unknown>, indent: string, topLevel = false): string {
  let out = '';
  let first = true;
  for (const key of sortedKeys(map, topLevel)) {
    const value = map[key];
    if (value === undefined) continue;
    const line = emitPair(key, value, indent);
    out += first ? line : `\n${indent}${line}`;
    first = false;
  }
  return first ? '{}' : out;
}

function emitSeq(items: readonly unknown[], indent: string): string {
  if (items.length === 0) return '[]';
  const itemIndent = indent + INDENT_STEP;
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const line = `- ${emitValue(items[i], itemIndent)}`;
    out += i === 0 ? line : `\n${indent}${line}`;
  }
  return out;
}

function emitPair(key: string, value: unknown, indent: string): string {
  const valueIndent = indent + INDENT_STEP;
  const keyText = emitString(key, valueIndent, true);
  if (keyText.length > 1024) throw new NotEmittable('a key over 1024 characters');
  const valueText = emitValue(value, valueIndent);
  // Non-empty collections start on the next line; scalars and empty `{}`/`[]` follow the key.
  const nextLine = (Array.isArray(value) || isPlainObject(value)) && valueText !== '{}' && valueText !== '[]';
  return `${keyText}:${nextLine ? `\n${valueIndent}` : ' '}${valueText}`;
}

function emitValue(value: unknown, indent: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return emitString(value, indent, false);
    case 'number':
      if (!Number.isFinite(value)) return Number.isNaN(value) ? '.nan' : value < 0 ? '-.inf' : '.inf';
      return Object.is(value, -0) ? '-0' : JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (Array.isArray(value)) return emitSeq(value, indent);
      if (isPlainObject(value)) return emitMap(value, indent);
      throw new NotEmittable(`a ${(value as object).constructor?.name ?? 'non-plain'} object`);
    default:
      throw new NotEmittable(`a value of type ${typeof value}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// A single-line string's text depends only on the string and on being a key (except a key
// starting with a document marker at the root, which is not memoised): most strings repeat.
const singleLineValues = new Map<string, string>();
const singleLineKeys = new Map<string, string>();
const MEMO_LIMIT = 100_000;

function emitString(value: string, indent: string, implicitKey: boolean): string {
  if (value.includes('\n') || (implicitKey && indent === INDENT_STEP && containsDocumentMarker(value))) {
    return stringText(value, indent, implicitKey);
  }
  const memo = implicitKey ? singleLineKeys : singleLineValues;
  let text = memo.get(value);
  if (text === undefined) {
    text = stringText(value, indent, implicitKey);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(value, text);
  }
  return text;
}

// yaml's stringifyString with defaultStringType PLAIN, singleQuote null, blockQuote true, lineWidth 0.
function stringText(value: string, indent: string, implicitKey: boolean): string {
  if (FORCE_DOUBLE_QUOTES.test(value)) return doubleQuoted(value, indent, implicitKey);
  if (implicitKey && value.includes('\n')) return quoted(value, indent, implicitKey);
  if (NOT_PLAIN.test(value)) {
    return implicitKey || !value.includes('\n') ? quoted(value, indent, implicitKey) : block(value, indent, implicitKey);
  }
  if (!implicitKey && value.includes('\n')) return block(value, indent, implicitKey);
  if (containsDocumentMarker(value)) {
    if (indent === '') throw new NotEmittable('a document marker at the root');
    if (implicitKey && indent === INDENT_STEP) return quoted(value, indent, implicitKey);
  }
  for (const test of IMPLICIT_TYPE_TESTS) if (test.test(value)) return quoted(value, indent, implicitKey);
  return value;
}

function quoted(value: string, indent: string, implicitKey: boolean): string {
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  return hasDouble && !hasSingle ? singleQuoted(value, indent, implicitKey) : doubleQuoted(value, indent, implicitKey);
}

function singleQuoted(value: string, indent: string, implicitKey: boolean): string {
  if ((implicitKey && value.includes('\n')) || /[ \t]\n|\n[ \t]/.test(value)) return doubleQuoted(value, indent, implicitKey);
  const ind = indent || (containsDocumentMarker(value) ? '  ' : '');
  return "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${ind}`) + "'";
}

function doubleQuoted(value: string, indent: string, implicitKey: boolean): string {
  const json = JSON.stringify(value);
  const ind = indent || (containsDocumentMarker(value) ? '  ' : '');
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // A space before a newline is escaped so that folding keeps it.
      str += json.slice(start, i) + '\\ ';
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch !== '\\') continue;
    switch (json[i + 1]) {
      case 'u': {
        str += json.slice(start, i);
        const code = json.substr(i + 2, 4);
        const named: Record<string, string> = {
          '0000': '\\0', '0007': '\\a', '000b': '\\v', '001b': '\\e', '0085': '\\N', '00a0': '\\_', '2028': '\\L', '2029': '\\P',
        };
        str += named[code] ?? (code.startsWith('00') ? `\\x${code.slice(2)}` : json.substr(i, 6));
        i += 5;
        start = i + 1;
        break;
      }
      case 'n':
        if (implicitKey || json[i + 2] === '"' || json.length < DOUBLE_QUOTE_MIN_MULTILINE) {
          i += 1;
        } else {
          // A line break inside double quotes is written as an empty line (folding eats one).
          str += json.slice(start, i) + '\n\n';
          while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
            str += '\n';
            i += 2;
          }
          str += ind;
          if (json[i + 2] === ' ') str += '\\';
          i += 1;
          start = i + 1;
        }
        break;
      default:
        i += 1;
    }
  }
  return start ? str + json.slice(start) : json;
}

function block(value: string, indent: string, implicitKey: boolean): string {
  // A block cannot end in whitespace after its last line break.
  if (/\n[\t ]+$/.test(value)) return quoted(value, indent, implicitKey);
  const ind = indent || (containsDocumentMarker(value) ? '  ' : '');
  let endStart = value.length;
  for (; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  const chomp = endNlPos === -1 ? '-' : value === end || endNlPos !== end.length - 1 ? '+' : '';
  if (end) {
    value = value.slice(0, -end.length);
    if (end[end.length - 1] === '\n') end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${ind}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNlPos = -1;
  for (; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNlPos = startEnd;
    else break;
  }
  let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${ind}`);
  }
  const header = (startWithSpace ? (ind ? '2' : '1') : '') + chomp;
  return `|${header}\n${ind}${start}${value.replace(/\n+/g, `$&${ind}`)}${end}`;
}
