/**
 * The config file's bytes as text, or one `NotText` finding. A binary file or text in another encoding
 * (Latin-1, UTF-16) used to reach the YAML parser, whose error quoted the offending line: the file's raw
 * bytes, control characters included, ended up on the terminal (issue 22). YAML 1.2 streams are Unicode
 * and allow no control characters other than tab, line feed and carriage return
 * (https://yaml.org/spec/1.2.2/#51-character-set); the finding says where the first offending byte is,
 * by position and code, and never prints it.
 */
import type { Finding } from './findings';

export type ConfigText = { text: string } | { finding: Finding };

/** C0 controls but tab, LF and CR; DEL; C1 controls but NEL (U+0085). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u0080-\u0084\u0086-\u009F]/;

export function decodeConfigText(bytes: Uint8Array, file: string): ConfigText {
  const notText = (message: string): ConfigText => ({
    finding: { severity: 'error', code: 'NotText', path: '', value: file, message, fix: 'point --config at the YAML config, saved as UTF-8 text' },
  });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return notText('is UTF-16 text (it starts with a UTF-16 byte order mark); vpce-hub reads UTF-8');
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const before = bytes.subarray(0, bad);
    const line = before.filter((b) => b === 0x0a).length + 1;
    const column = bad - before.lastIndexOf(0x0a);
    return notText(`is not UTF-8 text: byte 0x${bytes[bad].toString(16).padStart(2, '0')} at line ${line}, column ${column} is not valid UTF-8 (a binary file, or text saved in another encoding such as Latin-1)`);
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  const control = CONTROL.exec(text);
  if (control) {
    const before = text.slice(0, control.index);
    const line = before.split('\n').length;
    const column = control.index - before.lastIndexOf('\n');
    const code = (control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    return notText(`holds a control character (U+${code}) at line ${line}, column ${column}, which YAML does not allow (a binary file?)`);
  }
  return { text };
}

/**
 * The offset of the first byte that is not part of a well-formed UTF-8 sequence (Unicode 15, table 3-7:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or -1 when all are.
 */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const length = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > b.length) return i;
    const second = b[i + 1];
    const [lo, hi] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    if (second < lo || second > hi) return i;
    for (let k = 2; k < length; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}
