/**
 * Field paths as users read them: list items that carry a `name` are shown by that name
 * (`spokes.payments-prod.vpc.cidr`), others by index (`hubs.main.services.2`), and so are items whose
 * name another item of the list has too: a path must name one place (config-lines.ts finds its line).
 */
export type PathSegment = string | number;

export function formatPath(segments: readonly PathSegment[], raw: unknown): string {
  const out: string[] = [];
  let node: unknown = raw;
  for (const seg of segments) {
    let label = String(seg);
    if (typeof seg === 'number' && Array.isArray(node)) {
      const item = node[seg] as unknown;
      const n = item && typeof item === 'object' ? (item as Record<string, unknown>).name : undefined;
      // Only a well-formed name: `hubs.ma in.name` or `hubs.a.b.name` would read as another path.
      if (typeof n === 'string' && /^[A-Za-z0-9-]+$/.test(n) && node.filter((other) => nameOf(other) === n).length === 1) label = n;
    }
    out.push(label);
    node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[seg] : undefined;
  }
  return out.join('.');
}

const nameOf = (item: unknown): unknown => (item && typeof item === 'object' ? (item as Record<string, unknown>).name : undefined);

export function valueAt(segments: readonly PathSegment[], raw: unknown): unknown {
  let node: unknown = raw;
  for (const seg of segments) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}
