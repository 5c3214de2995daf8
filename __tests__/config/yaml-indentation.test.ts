/**
 * The indentation model behind the "inconsistent indentation" message (src/config/yaml-indentation.ts)
 * finds nothing in a file the YAML parser accepts, so it can only refine a real parse error, and it
 * names the misindented line and the column its section uses.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { findIndentationProblem } from '../../src/config/yaml-indentation';
import { topologyYaml } from '../../bench/topology';

const ROOT = path.resolve(__dirname, '..', '..');
const configFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? configFiles(full) : entry === 'vpce-hub.yaml' ? [full] : [];
  });

describe('findIndentationProblem', () => {
  const parsable = [path.join(ROOT, 'vpce-hub.yaml'), ...configFiles(path.join(ROOT, 'examples')), ...configFiles(path.join(ROOT, '__tests__', 'fixtures'))]
    .map((file) => ({ file: path.relative(ROOT, file), text: readFileSync(file, 'utf8') }))
    .filter(({ text }) => parseDocument(text).errors.length === 0);

  it('finds nothing in any shipped config or fixture the YAML parser accepts', () => {
    expect(parsable.length).toBeGreaterThan(100);
    for (const { file, text } of parsable) expect({ file, problem: findIndentationProblem(text, Infinity) }).toEqual({ file, problem: undefined });
  });

  it('finds nothing in generated topologies, block scalars, multi-line lists or compact lists', () => {
    expect(findIndentationProblem(topologyYaml({ spokes: 5, accounts: 3, services: 3, dns: 'route53-profile' }), Infinity)).toBeUndefined();
    const text = ['hubs:', '- name: main', '  endpointPolicy:', '    document: |', '      {', '        "Statement": []', '      }', '  services: [sqs,', '      sts,', '   ssm]', '  tags: # comment', '    a: b', 'spokes: []'].join('\n');
    expect(parseDocument(text).errors).toEqual([]);
    expect(findIndentationProblem(text, Infinity)).toBeUndefined();
  });

  it('names a key one space off its section, with the column and key it most likely lines up with', () => {
    const text = ['hubs:', '  - name: main', '    account: network', '   region: us-east-1'].join('\n');
    expect(findIndentationProblem(text, Infinity)).toEqual({ line: 4, indent: 3, expected: 4, referenceLine: 3, referenceKey: 'account' });
    const deeper = ['accounts:', '  network:', '    id: "1"', '     roleArn: x'].join('\n');
    expect(findIndentationProblem(deeper, Infinity)).toEqual({ line: 4, indent: 5, expected: 4, referenceLine: 3, referenceKey: 'id' });
  });
});
