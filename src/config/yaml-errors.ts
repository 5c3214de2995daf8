/**
 * YAML parser errors in plain words. The `yaml` library's messages are written for YAML experts
 * ("Implicit keys need to be on a single line"); a network engineer who missed a colon needs to hear
 * which line, what it looks like, and what is usually wrong there. Only the first error of a line is
 * kept: the parser's follow-on errors on the same line repeat the first in other words.
 */
import type { YAMLError } from 'yaml';
import type { Finding } from './findings';

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

export function yamlErrorFindings(errors: readonly YAMLError[], text: string): Finding[] {
  const lines = text.split(/\r?\n/);
  const seenLines = new Set<number>();
  const findings: Finding[] = [];
  for (const e of errors) {
    const pos = e.linePos?.[0];
    if (pos && e.code !== 'DUPLICATE_KEY') {
      if (seenLines.has(pos.line)) continue;
      seenLines.add(pos.line);
    }
    const at = pos ? `line ${pos.line}, column ${pos.col}` : 'unknown position';
    const original = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    if (e.code === 'DUPLICATE_KEY') {
      findings.push({ severity: 'error', code: 'DuplicateKey', path: '', message: `${at}: ${original}`, fix: 'keep one of the two keys' });
      continue;
    }
    const plain = PLAIN[e.code]?.(original) ?? { message: original, fix: 'fix the YAML syntax at that position' };
    const source = pos ? lines[pos.line - 1] : undefined;
    const shown = source !== undefined && source.trim() !== '' ? ` (the line reads \`${source.trimEnd().slice(0, 80)}\`)` : '';
    findings.push({ severity: 'error', code: 'YamlSyntax', path: '', message: `${at}: ${plain.message}${shown}`, fix: plain.fix });
  }
  return findings;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
