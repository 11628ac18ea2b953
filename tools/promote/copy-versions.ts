// Copies `versions.<component>` entries from one environment file's text into another's with the
// yaml Document API, touching only the values that differ: comments, key order, flow/block style
// and quoting of everything else stay byte-for-byte as they were.
import { isDeepStrictEqual } from 'node:util';
import { isMap, isNode, parseDocument, type Document } from 'yaml';
import { isRecord } from '../review/version-pins';

export function copyVersionEntries(sourceText: string, targetText: string, components: readonly string[]): string {
  const source = parseDocument(sourceText);
  const target = parseDocument(targetText);
  for (const component of components) {
    const path = ['versions', component];
    synchronise(source, target, path, source.getIn(path, true), target.getIn(path, true));
  }
  return target.toString({ lineWidth: 0 });
}

/** Makes target's node at `path` equal to source's, editing as little as possible. */
function synchronise(source: Document, target: Document, path: string[], desired: unknown, current: unknown): void {
  const desiredJs = toJs(desired, source);
  const currentJs = toJs(current, target);
  if (isDeepStrictEqual(desiredJs, currentJs)) return;
  if (isMap(desired) && isMap(current)) {
    const desiredJsMap = desiredJs as Record<string, unknown>;
    for (const key of Object.keys(currentJs as Record<string, unknown>)) {
      if (!(key in desiredJsMap)) target.deleteIn([...path, key]);
    }
    for (const key of Object.keys(desiredJsMap)) {
      synchronise(source, target, [...path, key], source.getIn([...path, key], true), target.getIn([...path, key], true));
    }
    return;
  }
  if (!isRecord(desiredJs) && !Array.isArray(desiredJs) && current !== undefined && !isMap(current)) {
    // A scalar replaced by a scalar: YAMLMap keeps the old node, its comments and its style.
    target.setIn(path, desiredJs);
    return;
  }
  // A new entry (or a change of shape): take the source node as written, with its style.
  const node = source.getIn(path, true);
  target.setIn(path, isNode(node) ? node.clone() : desiredJs);
}

function toJs(value: unknown, doc: Document): unknown {
  return isNode(value) ? value.toJS(doc) : value;
}
