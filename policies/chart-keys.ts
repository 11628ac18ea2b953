// The value keys an upstream chart knows: the keys of its values.yaml and of its values.schema.json,
// each dependency's keys under its alias (or name), and every chart's `global` keys under `global`
// (Helm hands `global` to every subchart). Read synchronously from the chart directory as the chart
// supply extracts it (vendored dependencies as directories or as .tgz archives), because the policy
// engine is synchronous (render/hydrate/supply.ts supplies synchronously from a directory mirror).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readTgz, type TarEntry } from '../render/hydrate/archive';
import { supplyChartSync } from '../render/hydrate/supply';

/** One position in a chart's values: which keys lie below it. */
export interface KeyNode {
  /** The node of `key` below this one, or undefined when the chart does not know the key. */
  child(key: string): KeyNode | undefined;
  /** The keys the chart lists here (values.yaml keys, schema properties). */
  keys(): string[];
  /** The chart lists keys here (a mapping in values.yaml, an object schema with properties): check each key below. */
  readonly mapping: boolean;
  /** The chart accepts any key below (additionalProperties, an object schema without properties); patternProperties admit their keys through child(). */
  readonly open: boolean;
  /** The schema's description when it marks the key deprecated (`deprecated: true`, or "(deprecated, use … instead)"). */
  readonly deprecated?: string;
}

/** The files of one chart, from a directory or from a vendored archive. */
interface ChartFiles {
  readonly where: string;
  read(rel: string): string | undefined;
  /** The vendored dependencies under charts/. */
  subcharts(): ChartFiles[];
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** A node of values.yaml: its mapping keys, nothing below scalars, lists and nulls. */
class ValuesNode implements KeyNode {
  constructor(private readonly value: unknown) {}
  get mapping() {
    return isMapping(this.value);
  }
  readonly open = false;
  readonly deprecated = undefined;
  child(key: string): KeyNode | undefined {
    return isMapping(this.value) && own(this.value, key) ? new ValuesNode(this.value[key]) : undefined;
  }
  keys(): string[] {
    return isMapping(this.value) ? Object.keys(this.value) : [];
  }
}

/** How chart schemas mark a key deprecated in prose: "(deprecated, use X instead)", "(Deprecated - renamed to X)". */
const DEPRECATED_PROSE = /\(deprecated\b/i;

/** A node of values.schema.json; local `$ref`s and allOf/anyOf/oneOf resolved as they are reached. */
class SchemaNode implements KeyNode {
  private readonly members: Record<string, unknown>[];
  constructor(schema: unknown, private readonly root: Record<string, unknown>, private readonly depth = 0) {
    // Recursive definitions (a JSONSchemaProps inside itself) are cut off far below any real values key.
    this.members = depth > 64 ? [] : flatten(schema, root, new Set());
  }
  get mapping() {
    return this.members.some((s) => isMapping(s.properties) || s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')));
  }
  get open() {
    return this.members.some((s) => {
      if (s.additionalProperties === true || isMapping(s.additionalProperties)) return true;
      // An object schema that lists no properties (nor patterns) and does not forbid others is a free-form map.
      const objectType = s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object'));
      return objectType && !isMapping(s.properties) && !isMapping(s.patternProperties) && s.additionalProperties !== false;
    });
  }
  get deprecated() {
    for (const s of this.members) {
      const description = typeof s.description === 'string' ? s.description : '';
      if (s.deprecated === true || DEPRECATED_PROSE.test(description)) return description || 'deprecated: true';
    }
    return undefined;
  }
  keys(): string[] {
    return this.members.flatMap((s) => (isMapping(s.properties) ? Object.keys(s.properties) : []));
  }
  child(key: string): KeyNode | undefined {
    const found: unknown[] = [];
    for (const s of this.members) {
      if (isMapping(s.properties) && own(s.properties, key)) found.push(s.properties[key]);
      else if (isMapping(s.patternProperties)) {
        for (const [pattern, schema] of Object.entries(s.patternProperties)) if (new RegExp(pattern, 'u').test(key)) found.push(schema);
      }
      if (!(isMapping(s.properties) && own(s.properties, key)) && isMapping(s.additionalProperties)) found.push(s.additionalProperties);
    }
    return found.length === 0 ? undefined : new SchemaNode({ allOf: found }, this.root, this.depth + 1);
  }
}

/** The schema and every schema it is composed of (allOf/anyOf/oneOf, $ref into the same document). */
function flatten(schema: unknown, root: Record<string, unknown>, seen: Set<unknown>): Record<string, unknown>[] {
  if (!isMapping(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const out: Record<string, unknown>[] = [schema];
  if (typeof schema.$ref === 'string') out.push(...flatten(resolveRef(schema.$ref, root), root, seen));
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[k])) for (const s of schema[k] as unknown[]) out.push(...flatten(s, root, seen));
  }
  return out;
}

function resolveRef(ref: string, root: Record<string, unknown>): unknown {
  if (!ref.startsWith('#')) return undefined; // remote references: nothing to learn offline
  return ref
    .slice(1)
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (isMapping(node) ? node[part] : undefined), root);
}

/** Several sources for one position (values.yaml, schema, dependencies): a key is known when any knows it. */
class UnionNode implements KeyNode {
  constructor(private readonly members: readonly KeyNode[]) {}
  get mapping() {
    return this.members.some((m) => m.mapping);
  }
  get open() {
    return this.members.some((m) => m.open);
  }
  get deprecated() {
    return this.members.map((m) => m.deprecated).find((d) => d !== undefined);
  }
  keys(): string[] {
    return [...new Set(this.members.flatMap((m) => m.keys()))];
  }
  child(key: string): KeyNode | undefined {
    const children = this.members.map((m) => m.child(key)).filter((c): c is KeyNode => c !== undefined);
    return children.length === 0 ? undefined : children.length === 1 ? children[0] : new UnionNode(children);
  }
}

/** Fixed keys (dependency aliases, `global`) over other members. */
class KeysNode implements KeyNode {
  readonly mapping = true;
  readonly open = false;
  readonly deprecated = undefined;
  constructor(private readonly named: ReadonlyMap<string, KeyNode>) {}
  child(key: string): KeyNode | undefined {
    return this.named.get(key);
  }
  keys(): string[] {
    return [...this.named.keys()];
  }
}

/** The keys of a chart read from its files; `globals` collects every chart's `global` node. */
function chartNode(files: ChartFiles, globals: KeyNode[]): KeyNode {
  const members: KeyNode[] = [];
  const valuesText = files.read('values.yaml');
  if (valuesText !== undefined) {
    const values = parseYaml(valuesText, `${files.where}/values.yaml`);
    members.push(new ValuesNode(values ?? {}));
  }
  const schemaText = files.read('values.schema.json');
  if (schemaText !== undefined) {
    let schema: unknown;
    try {
      schema = JSON.parse(schemaText);
    } catch (e) {
      throw new Error(`${files.where}/values.schema.json is not JSON: ${(e as Error).message}`);
    }
    if (isMapping(schema)) members.push(new SchemaNode(schema, schema));
  }
  for (const m of members) {
    const g = m.child('global');
    if (g) globals.push(g);
  }
  const dependencies = new Map<string, KeyNode>();
  const chartYaml = parseYaml(files.read('Chart.yaml') ?? '', `${files.where}/Chart.yaml`);
  const declared: unknown[] = isMapping(chartYaml) && Array.isArray(chartYaml.dependencies) ? chartYaml.dependencies : [];
  if (declared.length > 0) {
    const vendored = new Map<string, ChartFiles>();
    for (const sub of files.subcharts()) {
      const meta = parseYaml(sub.read('Chart.yaml') ?? '', `${sub.where}/Chart.yaml`);
      if (isMapping(meta) && typeof meta.name === 'string') vendored.set(meta.name, sub);
    }
    for (const dep of declared) {
      if (!isMapping(dep) || typeof dep.name !== 'string') continue;
      const sub = vendored.get(dep.name);
      if (!sub) throw new Error(`${files.where}: dependency ${dep.name} is not vendored under charts/`);
      const key = typeof dep.alias === 'string' && dep.alias !== '' ? dep.alias : dep.name;
      dependencies.set(key, chartNode(sub, globals));
    }
  }
  if (dependencies.size > 0) members.push(new KeysNode(dependencies));
  return new UnionNode(members);
}

function parseYaml(text: string, where: string): unknown {
  try {
    return parse(text, { version: '1.1', uniqueKeys: false });
  } catch (e) {
    throw new Error(`${where} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The key tree of the chart in `dir` (an extracted chart: Chart.yaml, values.yaml, charts/...). */
export function readChartKeys(dir: string): KeyNode {
  if (!existsSync(join(dir, 'Chart.yaml'))) throw new Error(`${dir} is not a chart directory (no Chart.yaml)`);
  const globals: KeyNode[] = [];
  const chart = chartNode(directoryFiles(dir), globals);
  // Every chart's `global` keys are valid at the top level: Helm copies `global` into each subchart.
  return new UnionNode([chart, new KeysNode(new Map([['global', new UnionNode(globals)]]))]);
}

function directoryFiles(dir: string): ChartFiles {
  return {
    where: dir,
    read: (rel) => (existsSync(join(dir, rel)) ? readFileSync(join(dir, rel), 'utf8') : undefined),
    subcharts: () => {
      const charts = join(dir, 'charts');
      if (!existsSync(charts)) return [];
      return readdirSync(charts)
        .sort()
        .flatMap((name) => {
          const path = join(charts, name);
          if (statSync(path).isDirectory()) return existsSync(join(path, 'Chart.yaml')) ? [directoryFiles(path)] : [];
          return name.endsWith('.tgz') ? [archiveFiles(readTgz(readFileSync(path)), path)] : [];
        });
    },
  };
}

/** A chart packed as a .tgz (its entries under one top folder `<chart>/`). */
function archiveFiles(entries: readonly TarEntry[], where: string, root?: string): ChartFiles {
  const top = root ?? entries.find((e) => /^[^/]+\/Chart\.yaml$/.test(e.path))?.path.split('/')[0] ?? '';
  const byPath = new Map(entries.map((e) => [e.path, e]));
  return {
    where,
    read: (rel) => byPath.get(`${top}/${rel}`)?.data.toString('utf8'),
    subcharts: () => {
      const prefix = `${top}/charts/`;
      const subs: ChartFiles[] = [];
      const dirs = new Set<string>();
      for (const e of entries) {
        if (!e.path.startsWith(prefix)) continue;
        const rest = e.path.slice(prefix.length);
        if (/^[^/]+\.tgz$/.test(rest)) subs.push(archiveFiles(readTgz(e.data), `${where}!/${rest}`));
        else if (/^[^/]+\/Chart\.yaml$/.test(rest)) dirs.add(rest.split('/')[0]!);
      }
      for (const d of [...dirs].sort()) subs.push(archiveFiles(entries, `${where}!/charts/${d}`, `${prefix}${d}`));
      return subs;
    },
  };
}

const supplied = new Map<string, KeyNode>();

/**
 * The keys of a locked chart as the chart supply extracted it (<GRIDATA_CACHE or .cache>/charts/
 * <name>-<version>/, verified against the lock's content digest); a chart not yet there is supplied
 * from a directory mirror first. Anything else (an http(s) source, a digest mismatch) is refused in one
 * line: rendering supplies every locked chart.
 */
export function suppliedChartKeys(name: string, version: string): KeyNode {
  const key = `${name}@${version}`;
  let keys = supplied.get(key);
  if (!keys) {
    keys = readChartKeys(supplyChartSync(name, version).dir);
    supplied.set(key, keys);
  }
  return keys;
}
