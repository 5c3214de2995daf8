/**
 * The config fixtures: `__tests__/fixtures/<kind>/<case>/vpce-hub.yaml` with an `expected.json` that
 * lists the findings (severity, code, path, optionally a message pattern, fix text and value).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
export const FIXTURE_KINDS = ['invalid', 'warning'] as const;

export const expectedSchema = z.strictObject({
  description: z.string().min(1),
  findings: z
    .array(
      z.strictObject({
        code: z.string().min(1),
        path: z.string(),
        severity: z.enum(['error', 'warning']).default('error'),
        /** A regular expression the message must match. */
        message: z.string().optional(),
        /** Text the fix must contain. */
        fix: z.string().optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1),
});
export type ExpectedFindings = z.output<typeof expectedSchema>;

export function fixtureCases(kind: (typeof FIXTURE_KINDS)[number]): string[] {
  return readdirSync(path.join(FIXTURES, kind)).sort();
}

/** The case's expectations; throws (failing the case) when expected.json is missing or malformed. */
export function readExpected(dir: string): ExpectedFindings {
  const file = path.join(dir, 'expected.json');
  if (!existsSync(file)) throw new Error(`${path.relative(FIXTURES, dir)} has no expected.json: every fixture states its expected codes and paths`);
  return expectedSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

