/** The matrix as text (terminals) and Markdown (PR comments). */
import { formatMatrixMarkdown, formatMatrixText, type ReachabilityProof } from '../../src/analysis/prove';

const proof: ReachabilityProof = {
  ok: false,
  summary: { cells: 3, reachable: 2, broken: 1 },
  spokes: [
    { name: 'orders', hub: 'use1' },
    { name: 'web', hub: 'euw1' },
  ],
  services: ['sqs', 'ssm'],
  cells: [
    { spoke: 'orders', hub: 'use1', service: 'sqs', reachable: true },
    { spoke: 'orders', hub: 'use1', service: 'ssm', reachable: false, broken: { link: 'route', message: 'route table rtb-0b1c2d3e4f5a67890 has no route to 10.0.0.0/22' } },
    { spoke: 'web', hub: 'euw1', service: 'sqs', reachable: true },
  ],
};

describe('formatMatrixText', () => {
  it('ticks reachable cells, names the broken link in the cell and its sentence below the table', () => {
    expect(formatMatrixText(proof)).toBe(
      [
        'Reachability: 1 of 3 client/service pairs broken (2 spokes x 2 services)',
        '',
        'client  hub   sqs  ssm',
        'orders  use1  ✓    ✗ route',
        'web     euw1  ✓    -',
        '',
        "- = not a service of the spoke's hub",
        '',
        'orders -> ssm: route table rtb-0b1c2d3e4f5a67890 has no route to 10.0.0.0/22',
      ].join('\n'),
    );
  });

  it('says so when every pair is reachable', () => {
    const ok: ReachabilityProof = { ...proof, ok: true, summary: { cells: 1, reachable: 1, broken: 0 }, spokes: [proof.spokes[0]], services: ['sqs'], cells: [proof.cells[0]] };
    expect(formatMatrixText(ok)).toBe(['Reachability: all 1 client/service pairs reachable (1 spoke x 1 service)', '', 'client  hub   sqs', 'orders  use1  ✓'].join('\n'));
  });

  it('has nothing to prove without clients', () => {
    expect(formatMatrixText({ ok: true, summary: { cells: 0, reachable: 0, broken: 0 }, spokes: [], services: [], cells: [] })).toBe('No clients in the config: nothing to prove.');
  });
});

describe('formatMatrixMarkdown', () => {
  it('puts the first broken link in words into the cell', () => {
    expect(formatMatrixMarkdown(proof)).toBe(
      [
        '**Reachability: 1 of 3 client/service pairs broken (2 spokes x 2 services)**',
        '',
        '| client | hub | `sqs` | `ssm` |',
        '| --- | --- | :-: | :-: |',
        '| `orders` | `use1` | ✅ | ❌ route table rtb-0b1c2d3e4f5a67890 has no route to 10.0.0.0/22 |',
        '| `web` | `euw1` | ✅ | - |',
      ].join('\n'),
    );
  });

  it('escapes characters that would break the table or turn into emphasis, and leaves addresses readable', () => {
    const cells = [{ ...proof.cells[1], broken: { link: 'dns' as const, message: 'zone a|b (aws_route53_zone.hub_main) has no * record' } }];
    const markdown = formatMatrixMarkdown({ ...proof, services: ['ssm'], spokes: [proof.spokes[0]], cells });
    expect(markdown.split('\n')[4]).toBe('| `orders` | `use1` | ❌ zone a\\|b (aws_route53_zone.hub_main) has no \\* record |');
  });
});

describe('rows that are not spokes', () => {
  it('counts the hub VPC and client ranges in the scope line', () => {
    const rows: ReachabilityProof = {
      ok: true,
      summary: { cells: 3, reachable: 3, broken: 0 },
      spokes: [
        { name: 'orders', hub: 'use1' },
        { name: 'use1 (hub VPC)', hub: 'use1', kind: 'hub-vpc' },
        { name: 'use1 client 192.168.0.0/16', hub: 'use1', kind: 'client-range' },
      ],
      services: ['sqs'],
      cells: [
        { spoke: 'orders', hub: 'use1', service: 'sqs', reachable: true },
        { spoke: 'use1 (hub VPC)', hub: 'use1', service: 'sqs', reachable: true },
        { spoke: 'use1 client 192.168.0.0/16', hub: 'use1', service: 'sqs', reachable: true },
      ],
    };
    expect(formatMatrixText(rows).split('\n')[0]).toBe('Reachability: all 3 client/service pairs reachable (1 spoke, 1 hub VPC, 1 client range x 1 service)');
  });
});
