/**
 * Keys given twice in one mapping, with both places. The `yaml` parser reports only the repeat
 * ("Map keys must be unique" at the second key); to name the first we parse again without the
 * uniqueness check and walk the document's mappings (the parser's own nodes and ranges; no YAML of
 * ours). Used for the config file and for JSON policy documents (JSON is YAML's flow style).
 */
import { isDocument, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml';
import type { PathSegment } from './paths';

export interface Position {
  line: number;
  col: number;
}

export interface DuplicateKey {
  /** The key as written (its source text for a non-scalar key). */
  key: string;
  at: Position;
  first: Position;
  /** The mapping that holds both: its keys and list indexes from the document's root. */
  path: PathSegment[];
}

/**
 * Two keys are one when a JavaScript object would merge them: `1` and `"1"` both become the property
 * "1", so the second would silently replace the first. Pass it as `uniqueKeys` so the parser's errors
 * and this walk agree.
 */
export function sameKey(a: unknown, b: unknown): boolean {
  return a === b || (isScalar(a) && isScalar(b) && String(a.value) === String(b.value));
}

/** Every repeated key, and the document as JavaScript (last key wins; undefined if it cannot be converted) for naming paths. */
export function findDuplicateKeys(text: string): { duplicates: DuplicateKey[]; root: unknown } {
  const lines = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: false, lineCounter: lines });
  } catch {
    return { duplicates: [], root: undefined }; // too deeply nested to parse: the caller reports that
  }
  const out: DuplicateKey[] = [];
  visit(doc, {
    Map(_key, map, ancestors) {
      map.items.forEach((pair, i) => {
        const key = pair.key as Node | null;
        if (!key?.range) return;
        const firstPair = map.items.slice(0, i).find((earlier) => sameKey(earlier.key, key));
        const firstKey = firstPair?.key as Node | null | undefined;
        if (!firstKey?.range) return;
        out.push({
          key: isScalar(key) ? String(key.value) : text.slice(key.range[0], key.range[1]),
          at: position(lines, key.range[0]),
          first: position(lines, firstKey.range[0]),
          path: pathOf([...ancestors, map]),
        });
      });
    },
  });
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 100 });
  } catch {
    root = undefined;
  }
  return { duplicates: out, root };
}

function position(lines: LineCounter, offset: number): Position {
  const { line, col } = lines.linePos(offset);
  return { line, col };
}

/** Keys of the pairs and indexes of the list items on the way down to the last node. */
function pathOf(chain: readonly unknown[]): PathSegment[] {
  const path: PathSegment[] = [];
  for (let i = 1; i < chain.length; i++) {
    const parent = chain[i - 1];
    const child = chain[i];
    if (isPair(parent) && child === parent.value) path.push(isScalar(parent.key) ? String(parent.key.value) : '?');
    else if (isSeq(parent)) path.push(parent.items.indexOf(child as never));
    else if (!isDocument(parent) && !isMap(parent) && !isPair(parent)) break;
  }
  return path;
}
