/**
 * Issue 22: a binary or non-UTF-8 config gets one error line that says where the first offending byte
 * is, and none of the file's bytes reach the terminal (the fixtures file-binary, file-latin1,
 * file-utf16 and file-control-character hold the codes and messages; here the decoder's edges and what
 * the commands print).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeConfigText } from '../../src/config/config-text';
import { main } from '../../src/cli/index';
import { FIXTURES } from '../validation/fixture-cases';

const message = (bytes: number[] | string): string | undefined => {
  const r = decodeConfigText(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : Uint8Array.from(bytes), 'c.yaml');
  return 'finding' in r ? r.finding.message : undefined;
};

describe('decodeConfigText', () => {
  it('passes UTF-8 text through, a byte order mark dropped, tabs, CR and NEL allowed', () => {
    expect(decodeConfigText(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a: b\r\n\tc: "é 🚀 \u0085"\n')]), 'c.yaml')).toEqual({ text: 'a: b\r\n\tc: "é 🚀 \u0085"\n' });
  });

  it.each([
    ['a lone continuation byte', [0x61, 0x0a, 0x62, 0x80], 'byte 0x80 at line 2, column 2'],
    ['an overlong encoding of "/"', [0xc0, 0xaf], 'byte 0xc0 at line 1, column 1'],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf], 'byte 0xe0 at line 1, column 1'],
    ['a UTF-16 surrogate encoded in UTF-8', [0x20, 0xed, 0xa0, 0x80], 'byte 0xed at line 1, column 2'],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 'byte 0xf4 at line 1, column 1'],
    ['a sequence cut off at the end', [0x61, 0xe2, 0x82], 'byte 0xe2 at line 1, column 2'],
  ])('rejects %s, naming the byte and where it is', (_case, bytes, where) => {
    expect(message(bytes)).toBe(`is not UTF-8 text: ${where} is not valid UTF-8 (a binary file, or text saved in another encoding such as Latin-1)`);
  });

  it('rejects NUL, DEL and C1 controls by code point, never the character itself', () => {
    expect(message('a: 1\nb: \u0000')).toBe('holds a control character (U+0000) at line 2, column 4, which YAML does not allow (a binary file?)');
    expect(message('a: \u007f')).toContain('(U+007F) at line 1, column 4');
    expect(message('a: \u009b')).toContain('(U+009B)');
  });
});

describe('what the commands print for a binary config', () => {
  it.each(['validate', 'synth'])('vpce-hub %s: one error line, in printable ASCII', async (command) => {
    const file = path.join(FIXTURES, 'invalid', 'file-binary', 'vpce-hub.yaml');
    expect(readFileSync(file).some((b) => b >= 0x80)).toBe(true);
    let printed = '';
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((printed += String(chunk)), true));
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((printed += String(chunk)), true));
    let code: number;
    try {
      code = await main(['node', 'vpce-hub', command, '--config', file, ...(command === 'synth' ? ['--out', path.join(FIXTURES, 'no-such-output')] : [])]);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(code).toBe(2);
    expect(printed).toMatch(/^[\x20-\x7e\n]*$/);
    expect(printed.split('\n').filter((l) => l.includes('error '))).toEqual([expect.stringMatching(/error NotText .*: is not UTF-8 text: byte 0x8b at line 1, column 2/)]);
  });
});
