/**
 * A report a command writes to a file (`review --out`). Like `terraform plan -out`, an existing file is
 * replaced (CI rewrites its report on every run), but never the config the command reads, nor a
 * folder; and the file is written beside and renamed into place, so a failed write leaves the previous
 * report whole instead of a truncated one (issue 22).
 */
import { existsSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class ReportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportFileError';
  }
}

/** Throws ReportFileError when `file` may not be written; `protectedFiles` are the inputs of the command. */
export function checkReportFile(file: string, protectedFiles: readonly string[], flag = '--out'): void {
  const target = path.resolve(file);
  if (existsSync(target) && statSync(target).isDirectory()) throw new ReportFileError(`${flag} ${file} is a folder; name the report file, e.g. ${flag} review.md`);
  const real = existsSync(target) ? realpathSync(target) : target;
  for (const input of protectedFiles) {
    const inputPath = path.resolve(input);
    if (existsSync(inputPath) && realpathSync(inputPath) === real) throw new ReportFileError(`${flag} ${file} is the config this command reads; writing the report there would replace it. Name another file, e.g. ${flag} review.md`);
  }
}

export function writeReportFile(file: string, text: string): void {
  const target = path.resolve(file);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw e;
  }
}
