/**
 * The first line whose indentation fits no open section of a block-style YAML file. The `yaml`
 * library reports a key indented one space off as an unclosed quote or bracket ("Sequence item without
 * - indicator") or, one space too deep, at the line above ("Nested mappings are not allowed in compact
 * mappings"); yaml-errors.ts asks this model which line is off and which column it most likely meant.
 *
 * A deliberately small model of block YAML, used only to explain a file the parser already rejected:
 * each line is a `key: value`, a `key:` that opens a section, or a `- ` list item (possibly with a
 * key); lines inside block scalars (`|`, `>`) and multi-line flow collections (`[`, `{`) are skipped.
 */

export interface IndentationProblem {
  /** 1-based line of the misindented line. */
  line: number;
  /** Spaces before it. */
  indent: number;
  /** Spaces of the section it most likely belongs to. */
  expected: number;
  /** The line that sets that column, and its key. */
  referenceLine: number;
  referenceKey: string;
}

interface Level {
  col: number;
  kind: 'map' | 'seq';
  line: number;
  key: string;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s#'"\-?:,[\]{}][^#]*?|-[^\s#][^#]*?)\s*:(?:\s+(.*))?$/;

/** The line's content without a trailing comment (a `#` after whitespace, outside quotes). */
function stripComment(content: string): string {
  let quote: string | undefined;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(content[i - 1]))) return content.slice(0, i).trimEnd();
  }
  return content.trimEnd();
}

/** Open flow brackets the text leaves (outside quotes). */
function flowDepth(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return depth;
}

export function findIndentationProblem(text: string, lastLine: number): IndentationProblem | undefined {
  const lines = text.split(/\r?\n/);
  const stack: Level[] = [];
  /** A `key:` or `- ` with nothing after it: the next deeper line opens its section. */
  let opened: { col: number; kind: 'map' | 'seq' } | undefined;
  let blockScalarOf: number | undefined;
  let flow = 0;
  for (let n = 1; n <= Math.min(lastLine, lines.length); n++) {
    const source = lines[n - 1];
    const indent = source.length - source.trimStart().length;
    const content = stripComment(source.trim());
    if (content === '' || content === '---' || content.startsWith('%')) continue;
    if (blockScalarOf !== undefined) {
      if (indent > blockScalarOf) continue;
      blockScalarOf = undefined;
    }
    if (flow > 0) {
      flow += flowDepth(content);
      continue;
    }
    // A tab in the indentation is the parser's own, clear error (TAB_AS_INDENT).
    if (/^\s*\t/.test(source)) return undefined;
    let col = indent;
    let rest = content;
    const isItem = rest === '-' || rest.startsWith('- ');
    if (opened && (indent > opened.col || (isItem && indent === opened.col && opened.kind === 'map'))) {
      stack.push({ col: indent, kind: isItem ? 'seq' : 'map', line: n, key: '' });
    }
    opened = undefined;
    const open = [...stack];
    while (stack.length > 0 && stack[stack.length - 1].col > indent) stack.pop();
    let top = stack[stack.length - 1];
    // A key in the column of a compact list (`key:` then `- item` in the same column) closes that list.
    if (!isItem && top?.kind === 'seq' && top.col === indent) {
      stack.pop();
      top = stack[stack.length - 1];
    }
    if (top === undefined) {
      if (indent !== 0) return undefined;
      stack.push({ col: 0, kind: isItem ? 'seq' : 'map', line: n, key: '' });
      top = stack[0];
    }
    if (top.col !== indent) {
      const candidates = open.filter((l) => l.kind === (isItem ? 'seq' : 'map'));
      if (candidates.length === 0) return undefined;
      const best = candidates.reduce((a, b) => (Math.abs(b.col - indent) <= Math.abs(a.col - indent) ? b : a));
      return { line: n, indent, expected: best.col, referenceLine: best.line, referenceKey: best.key };
    }
    if (isItem) {
      rest = rest.slice(1).trimStart();
      col = indent + (content.length - 1 - content.slice(1).trimStart().length) + 1;
      if (rest === '') {
        opened = { col: indent, kind: 'seq' };
        continue;
      }
    }
    const key = KEY.exec(rest);
    if (key) {
      const name = key[1];
      if (isItem) stack.push({ col, kind: 'map', line: n, key: name });
      else {
        top.line = n;
        top.key = name;
      }
      const value = key[2] ?? '';
      if (value === '') opened = { col, kind: 'map' };
      else if (/^[|>][-+0-9]*$/.test(value)) blockScalarOf = indent;
      else flow = flowDepth(value);
    } else flow = flowDepth(rest);
  }
  return undefined;
}
