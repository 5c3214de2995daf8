/** docs/validation.md is generated from the registries; the committed copy must be current. */
import { readFileSync } from 'node:fs';
import { RULES } from '../../src/analysis/rules';
import { FINDING_CODES } from '../../src/config/finding-codes';
import { VALIDATORS } from '../../src/config/validate';
import { OUTPUT_PATH, renderValidationDoc } from '../../scripts/validation-doc';

describe('docs/validation.md', () => {
  it('is up to date (regenerate: npx tsx scripts/generate-validation-doc.ts)', () => {
    expect(readFileSync(OUTPUT_PATH, 'utf8')).toBe(renderValidationDoc());
  });

  it('lists every validator, every finding code and every check rule', () => {
    const doc = renderValidationDoc();
    for (const v of VALIDATORS) expect(doc).toContain(`| \`${v.id}\` |`);
    for (const code of Object.keys(FINDING_CODES)) expect(doc).toContain(`| \`${code}\` |`);
    for (const rule of RULES) expect(doc).toContain(`| \`${rule.id}\` |`);
  });
});
