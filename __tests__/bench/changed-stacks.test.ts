/** The changed-stacks benchmark (bench/changed-stacks.ts) measures what its table says, on a small topology. */
import { changeCases, measureCase, renderChangedStacksMarkdown } from '../../bench/changed-stacks';

describe('bench/changed-stacks', () => {
  const size = { spokes: 6, accounts: 3, services: 3 };

  it('counts every stack before and the changed ones after, with the refresh of the planned stacks', () => {
    const [add, rename, service] = changeCases({ ...size, dns: 'private-hosted-zones' });
    expect(add.change).toBe('add a spoke (5 -> 6)');
    const added = measureCase('private-hosted-zones', add);
    // Spoke 6 lands in team-03 (round robin over 3 accounts), which holds spoke 3 already.
    expect(added).toMatchObject({ stacks: 5, planned: ['team-03'], readers: [] });
    expect(added.refreshedAfter).toBeGreaterThan(0);
    expect(added.refreshedAfter).toBeLessThan(added.refreshedBefore);
    expect(measureCase('private-hosted-zones', rename)).toMatchObject({ planned: ['team-01'] });
    expect(measureCase('private-hosted-zones', service).planned).toEqual(['network', 'team-01', 'team-02', 'team-03']);
    expect(measureCase('endpoint-url', changeCases({ ...size, dns: 'endpoint-url' })[2]).planned).toEqual(['network']);
  });

  it('renders one row per measured change, with the command that produced it', () => {
    const md = renderChangedStacksMarkdown({
      date: '2026-12-07',
      command: 'npm run bench -- --changed-stacks',
      size: { spokes: 125, accounts: 40, services: 50 },
      rows: [{ dns: 'endpoint-url', change: 'add a spoke (124 -> 125)', stacks: 42, planned: ['team-05'], readers: [], refreshedBefore: 807, refreshedAfter: 18, route53RefreshBefore: 0, route53RefreshAfter: 0, commandMs: 90 }],
    });
    expect(md).toContain('Produced by `npm run bench -- --changed-stacks` on 2026-12-07: 125 spokes in 40 accounts, 50 services');
    expect(md).toContain('| endpoint-url | add a spoke (124 -> 125) | 42 | 1 | team-05 | 807 | 18 | 0 | 0 | 0.09 s |');
  });
});
