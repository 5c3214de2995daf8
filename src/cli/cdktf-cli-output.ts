/**
 * Where the app's findings go when the cdktf CLI runs it (`cdktf synth`, `cdktf deploy`: CDKTF_OUTDIR
 * is set). The CLI captures the app's output: it echoes every stdout chunk at once, logs every stderr
 * chunk at once as `[ERROR] default - ...`, and when the app exits non-zero prints all of both again
 * in its error summary (@cdktf/commons util.js `shell`, @cdktf/cli-core synth-stack.js). So:
 * - warnings of a config that synthesizes go to stdout: shown once, not labelled ERROR;
 * - the errors of an invalid config go straight to the terminal (/dev/tty) when there is one, and
 *   only a one-line summary goes through the CLI (which then shows that line twice). Without a
 *   terminal (CI), there is nowhere else: the errors go to stderr and the CLI shows them twice.
 *   `vpce-hub synth` and `npm run synth` print everything once, everywhere.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { NOTHING_WRITTEN } from './synthesize';

type Write = (text: string) => void;

export interface AppOutput {
  /** Warnings and progress of a config that synthesizes. */
  log: (line: string) => void;
  /** The findings of an invalid config (nothing was written). */
  logErrors: (text: string) => void;
}

/** Writes to the terminal the user is looking at; undefined without one (CI, no controlling terminal). */
export type Terminal = () => Write | undefined;

const devTty: Terminal = () => {
  if (process.env.CI) return undefined;
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'w');
  } catch {
    return undefined;
  }
  return (text) => {
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
  };
};

export function cdktfCliOutput(terminal: Terminal = devTty, stdout: Write = (t) => process.stdout.write(t), stderr: Write = (t) => process.stderr.write(t)): AppOutput {
  return {
    log: (line) => stdout(`${line}\n`),
    logErrors: (text) => {
      const write = terminal();
      if (write === undefined) {
        stderr(`${text}\n${NOTHING_WRITTEN}\n`);
        return;
      }
      // Two blank lines after: the CLI's spinner erases the last two lines on its next frame.
      write(`\n${text}\n\n\n`);
      stdout('vpce-hub: the config is invalid (the findings are printed above); nothing was written.\n');
    },
  };
}
