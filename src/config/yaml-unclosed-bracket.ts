/**
 * Where the flow collection (`[` or `{`) still open at a position was opened. The `yaml` library
 * reports an unclosed bracket where parsing gave up, usually the next key's line; the user needs the
 * line that opened it (yaml-errors.ts).
 */

export interface OpenBracket {
  bracket: '[' | '{';
  /** 1-based line and column of the bracket. */
  line: number;
  col: number;
}

/** The innermost bracket opened before `offset` and not closed by then (outside quotes and comments). */
export function unclosedBracketBefore(text: string, offset: number): OpenBracket | undefined {
  const open: OpenBracket[] = [];
  let line = 1;
  let col = 0;
  let quote: string | undefined;
  let comment = false;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    const c = text[i];
    col++;
    if (c === '\n') {
      line++;
      col = 0;
      comment = false;
      // A quoted scalar may span lines; a quote left open at a line end in a config is far likelier a stray one.
      quote = undefined;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      // An apostrophe inside a plain word (`it's`) opens nothing.
      if (c === '"' || i === 0 || /[\s[{,:]/.test(text[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) comment = true;
    else if (c === '[' || c === '{') open.push({ bracket: c, line, col });
    else if (c === ']' || c === '}') open.pop();
  }
  return open[open.length - 1];
}
