/**
 * The config line of a finding: its field path (paths.ts: dotted, list items by name or index, e.g.
 * `spokes.payments-prod.vpc.cidr`, `hubs.main.services.2`, `spokes.a.formerNames[0]`) looked up in the
 * parsed YAML document, whose nodes keep their source ranges (https://eemeli.org/yaml/#nodes, `range`).
 * A path that ends below what the file has (a missing field) gets the line of its nearest existing
 * parent, where the field belongs. Keys may contain dots (zone names under `adopt.zones`, tag keys),
 * so a mapping matches the longest key that the next segments spell.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Finding } from './findings';

export interface ConfigLines {
  /** The 1-based line of a field path, or undefined for the whole file (path '') or an unknown root. */
  lineOf(path: string): number | undefined;
  /** Each finding with its `line` set, where its path resolves. */
  withLines(findings: Finding[]): Finding[];
}

/** `a.b[0].c` -> ['a', 'b', '0', 'c']. */
function segments(path: string): string[] {
  return path.split('.').flatMap((seg) => {
    const m = /^(.*?)((?:\[\d+\])+)$/.exec(seg);
    if (!m) return [seg];
    return [...(m[1] === '' ? [] : [m[1]]), ...[...m[2].matchAll(/\[(\d+)\]/g)].map((x) => x[1])];
  });
}

const keyText = (key: unknown): string | undefined => (isScalar(key) ? String(key.value) : undefined);

/** The offset of the deepest node of `path` that the document has. */
function deepestOffset(root: Node | null, segs: readonly string[]): number | undefined {
  let node: unknown = root;
  let offset: number | undefined;
  let i = 0;
  while (i < segs.length) {
    if (isMap(node)) {
      const map = node;
      let matched = false;
      // Longest key first: `adopt.zones.sqs.us-east-1.amazonaws.com` is one key after `zones`.
      for (let k = segs.length - i; k >= 1 && !matched; k--) {
        const want = segs.slice(i, i + k).join('.');
        const pair = map.items.find((p) => keyText(p.key) === want);
        if (!pair) continue;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
        i += k;
        matched = true;
      }
      if (!matched) return offset;
    } else if (isSeq(node)) {
      const seg = segs[i];
      const byIndex = /^\d+$/.test(seg) ? node.items[Number(seg)] : undefined;
      const item = byIndex ?? node.items.find((it) => isMap(it) && it.items.some((p) => keyText(p.key) === 'name' && isScalar(p.value) && String(p.value.value) === seg));
      if (item === undefined || item === null) return offset;
      offset = (item as Node).range?.[0] ?? offset;
      node = item;
      i += 1;
    } else return offset;
  }
  return offset;
}

export function configLines(doc: Document, lineCounter: LineCounter): ConfigLines {
  const lineOf = (path: string): number | undefined => {
    if (path === '') return undefined;
    const offset = deepestOffset(doc.contents as Node | null, segments(path));
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return {
    lineOf,
    withLines: (findings) =>
      findings.map((f) => {
        const line = f.line ?? lineOf(f.path);
        return line === undefined ? f : { ...f, line };
      }),
  };
}
