/**
 * YAML parser errors in plain words. The `yaml` library's messages are written for YAML experts
 * ("Implicit keys need to be on a single line"); a network engineer who missed a colon needs to hear
 * which line, what it looks like, and what is usually wrong there. Only the first error of a line is
 * kept: the parser's follow-on errors on the same line repeat the first in other words.
 */
import type { YAMLError } from 'yaml';
import type { Finding } from './findings';
import { formatPath } from './paths';
import { findDuplicateKeys, type DuplicateKey } from './yaml-duplicate-keys';
import { findIndentationProblem, type IndentationProblem } from './yaml-indentation';
import { unclosedBracketBefore } from './yaml-unclosed-bracket';

interface Plain {
  message: string;
  fix: string;
}

/** By `YAMLError.code` (https://eemeli.org/yaml/#errors). */
const PLAIN: Partial<Record<string, (original: string) => Plain>> = {
  BAD_INDENT: (original) => {
    // "Flow sequence in block collection must be sufficiently indented and end with a ]"
    const unclosed = /^Flow (map|sequence) .* end with an? (\S)/.exec(original);
    if (unclosed) return { message: `a ${unclosed[1] === 'map' ? '{' : '['} opened above is not closed with ${unclosed[2]} before this line`, fix: `add the missing ${unclosed[2]} at the end of the line that opened it` };
    return { message: 'this line is indented differently from the other keys of its section', fix: 'indent it with spaces to the same column as the keys it belongs with (YAML nests by indentation)' };
  },
  TAB_AS_INDENT: () => ({ message: 'a tab is used for indentation, and YAML allows only spaces', fix: 'replace the tab with spaces' }),
  MISSING_CHAR: (original) => ({ message: `something opened earlier is not closed here (${lowerFirst(original)})`, fix: 'close the quote, [ or { opened on this line or above it' }),
  MULTILINE_IMPLICIT_KEY: () => ({ message: 'a key without a colon, or a value that runs on over several lines', fix: 'write `key: value` on one line; look for a missing `:` here or on the line above' }),
  BLOCK_AS_IMPLICIT_KEY: () => ({ message: 'a list item (`- ...`) where its section holds `key: value` pairs', fix: 'a section holds either `- ` items or `key: value` pairs, not both: check the indentation of this line and the one above' }),
  UNEXPECTED_TOKEN: (original) => ({ message: `a character YAML does not expect here (${lowerFirst(original)})`, fix: 'quote the value if it contains : # [ ] { } or starts with @ or `' }),
  BAD_DQ_ESCAPE: () => ({ message: 'a backslash escape inside double quotes that YAML does not know', fix: "use single quotes, or write \\\\ for a backslash" }),
  MULTIPLE_DOCS: () => ({ message: 'the file holds more than one YAML document (a second `---`)', fix: 'keep one document: vpce-hub reads one config per file' }),
  BAD_SCALAR_START: (original) => ({ message: `a value starts with a character YAML reserves (${lowerFirst(original)})`, fix: 'quote the value' }),
};

/** Where a finding points and what it says, before the line's text is appended. */
interface Located {
  /** Tied to the line at fault by our own reading of the text (yaml-indentation.ts, yaml-unclosed-bracket.ts). */
  refined?: boolean;
  line?: number;
  col?: number;
  message: string;
  fix: string;
}

/**
 * Errors the parser gives for a line indented off its section: a key one space too shallow reads as
 * an unclosed quote or a list item without `-` (MISSING_CHAR), one space too deep as a nested mapping
 * in the line above (BLOCK_AS_IMPLICIT_KEY, MULTILINE_IMPLICIT_KEY), or BAD_INDENT.
 */
const INDENTATION_CODES = new Set(['MISSING_CHAR', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'BAD_INDENT']);
/** What the parser says on the lines after an error it lost its place in (an unclosed bracket, a tab, a line indented off its section). */
const FOLLOW_ON_CODES = new Set(['BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'BAD_INDENT']);

function indentationMessage(p: IndentationProblem): Located {
  const diff = p.indent - p.expected;
  const spaces = (k: number) => `${k} space${k === 1 ? '' : 's'}`;
  const ref = p.referenceKey ? `\`${p.referenceKey}:\` on line ${p.referenceLine}` : `the \`- \` on line ${p.referenceLine}`;
  return {
    line: p.line,
    col: 1,
    message: `inconsistent indentation: this line is indented ${spaces(p.indent)}, ${Math.abs(diff)} ${diff > 0 ? 'more' : 'less'} than ${ref} (column ${p.expected + 1}), the key it most likely lines up with`,
    fix: `indent it with ${spaces(p.expected)}, so it starts in the same column as ${ref} (YAML nests by indentation: every key of a section starts in the same column)`,
  };
}

function locate(e: YAMLError, original: string, text: string): Located {
  const pos = e.linePos?.[0];
  // An unclosed [ or {: name the line that opened it, not the line where parsing gave up.
  if (e.code === 'BAD_INDENT' || e.code === 'MISSING_CHAR') {
    const closer = /end with an? ([\]}])/.exec(original)?.[1];
    const open = closer ? unclosedBracketBefore(text, e.pos[0]) : undefined;
    if (closer && open) {
      const until = pos && pos.line > open.line ? ` before line ${pos.line}` : '';
      return { refined: true, line: open.line, col: open.col, message: `a ${open.bracket} opened here is not closed with ${closer}${until}`, fix: `close the ${open.bracket} of line ${open.line} with ${closer} where its ${open.bracket === '[' ? 'list' : 'mapping'} ends${until ? `, ${until.trim()}` : ''}` };
    }
  }
  if (pos && INDENTATION_CODES.has(e.code)) {
    const problem = findIndentationProblem(text, (e.linePos?.[1]?.line ?? pos.line) + 1);
    if (problem && problem.line >= pos.line - 1 && problem.line <= pos.line + 1) return { ...indentationMessage(problem), refined: true };
  }
  const plain = PLAIN[e.code]?.(original) ?? { message: original, fix: 'fix the YAML syntax at that position' };
  return { line: pos?.line, col: pos?.col, ...plain };
}

/**
 * A key given twice, named with both places and the mapping that holds them:
 * `error DuplicateKey line 12 [hubs.main.services] services: given twice in hubs.main (here at column 5,
 * first on line 11, column 5)`.
 */
function duplicateKeyFinding(d: DuplicateKey, root: unknown): Finding {
  // A list item is named by its `name`, unless `name` is the key given twice (then by its index).
  const last = d.path[d.path.length - 1];
  const mapPath = d.key === 'name' && typeof last === 'number' ? [formatPath(d.path.slice(0, -1), root), last].filter((s) => s !== '').join('.') : formatPath(d.path, root);
  const where = d.path.length === 0 ? 'at the top level' : `in ${mapPath}`;
  const first = d.first.line === d.at.line ? `column ${d.first.col} of the same line` : `line ${d.first.line}, column ${d.first.col}`;
  return {
    severity: 'error',
    code: 'DuplicateKey',
    path: [mapPath, d.key].filter((s) => s !== '').join('.'),
    value: d.key,
    // The line is the finding's own (`error DuplicateKey line 12 [...]`, and `line` in JSON output).
    line: d.at.line,
    message: `given twice ${where} (here at column ${d.at.col}, first on ${first}); YAML would silently drop the first`,
    fix: `keep one ${d.key}: merge the two values into the first and delete the second`,
  };
}

export function yamlErrorFindings(errors: readonly YAMLError[], text: string): Finding[] {
  const lines = text.split(/\r?\n/);
  const seenLines = new Set<number>();
  const findings: Finding[] = [];
  const duplicates = errors.some((e) => e.code === 'DUPLICATE_KEY') ? findDuplicateKeys(text) : undefined;
  for (const e of errors) {
    const pos = e.linePos?.[0];
    const original = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    if (e.code === 'DUPLICATE_KEY') {
      // The walk compares keys as the parser does (sameKey), so it finds the same repeats; the
      // parser's position is not always the repeated key's own (after a key without a value it
      // points at the end of the line before), so the walk's findings replace the parser's errors.
      if (duplicates && duplicates.duplicates.length > 0) {
        if (!findings.some((f) => f.code === 'DuplicateKey')) findings.push(...duplicates.duplicates.map((d) => duplicateKeyFinding(d, duplicates.root)));
        continue;
      }
      // Not found by the walk (should not happen): the parser's own words, with its position.
      const at = pos ? `line ${pos.line}, column ${pos.col}` : 'unknown position';
      findings.push({ severity: 'error', code: 'DuplicateKey', path: '', message: `${at}: ${original}`, fix: 'keep one of the two keys' });
      continue;
    }
    const located = locate(e, original, text);
    // After a first syntax error the parser is out of step with the file: a later section/indentation
    // complaint it could not tie to a line of its own (no refined message) is a follow-on, not a mistake.
    if (findings.some((f) => f.code === 'YamlSyntax') && FOLLOW_ON_CODES.has(e.code) && located.refined !== true) continue;
    if (located.line !== undefined) {
      if (seenLines.has(located.line)) continue;
      seenLines.add(located.line);
    }
    const at = located.line !== undefined ? `line ${located.line}, column ${located.col}` : 'unknown position';
    const source = located.line !== undefined ? lines[located.line - 1] : undefined;
    const shown = source !== undefined && source.trim() !== '' ? ` (the line reads \`${source.trimEnd().slice(0, 80)}\`)` : '';
    findings.push({ severity: 'error', code: 'YamlSyntax', path: '', message: `${at}: ${located.message}${shown}`, fix: located.fix });
  }
  return findings;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
