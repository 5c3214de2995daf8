/**
 * A file as every command prints it: relative to the current folder, the way it was most likely typed
 * (`org.yaml`, `../configs/org.yaml`), so validate, synth, check and prove name it alike.
 */
import path from 'node:path';

export const displayPath = (file: string, cwd = process.cwd()): string => path.relative(cwd, file) || file;
