/**
 * The focused benchmark of the user's synth path (`npm run bench -- --user-path`, bench/user-path.ts):
 * what it runs, on which topologies, how it reports; and the CPU time the measurement now records.
 */
import { measure } from '../../bench/measure';
import { parseSizeId } from '../../bench/run';
import { sizeId, type SizeTiming, type VariantTiming } from '../../bench/synth-timing';
import { CDKTF_VARIANTS, OLD_APP_COMMAND, renderUserPath, USER_PATH_SIZES, USER_PATH_VARIANTS, type UserPathResult } from '../../bench/user-path';
import { PROJECT_ROOT } from '../support/synth';

describe('user-path benchmark', () => {
  it("times the bare app, the user's `npm run synth` now, and the command it ran before issue 11", () => {
    expect(USER_PATH_VARIANTS.map((v) => v.command('c.yaml', 'out').argv)).toEqual([
      ['node', 'dist/main.js'],
      ['npm', 'run', '--silent', 'synth'],
      ['npm', 'exec', '--silent', '-c', 'npm run --silent build && node dist/main.js'],
    ]);
    expect(OLD_APP_COMMAND).toBe('npm run --silent build && node dist/main.js');
    for (const v of USER_PATH_VARIANTS) expect(v.command('c.yaml', 'out').env).toEqual({ VPCE_HUB_CONFIG: 'c.yaml', CDKTF_OUTDIR: 'out' });
  });

  it('times `npx cdktf synth` with the app of cdktf.json now and with the old app command', () => {
    expect(CDKTF_VARIANTS.map((v) => v.command('vpce-hub.yaml', 'o').argv)).toEqual([
      ['npx', 'cdktf', 'synth', '--output', 'o'],
      ['npx', 'cdktf', 'synth', '--app', OLD_APP_COMMAND, '--output', 'o'],
    ]);
  });

  it('runs on the held-out topology of issue 11 (3 hubs, 120 spokes in 40 accounts, 30 services) and the largest', () => {
    expect(USER_PATH_SIZES.map(sizeId)).toEqual(['private-hosted-zones-3hubs-120x40x30', 'private-hosted-zones-125x40x50']);
    for (const size of USER_PATH_SIZES) expect(parseSizeId(sizeId(size))).toEqual(size);
  });

  it('reports wall and CPU medians and the verdict on the 3 s target', () => {
    const variant = (id: string, wall: number, cpu: number): VariantTiming => ({
      id,
      label: id,
      command: id,
      wallMs: [wall],
      peakRssMiB: [100],
      cpuMs: [cpu],
      medianWallMs: wall,
      medianPeakRssMiB: 100,
      medianCpuMs: cpu,
      wallRatio: 1,
      peakRssRatio: 1,
    });
    const counts = { stacks: 41, hubStack: 100, spokeStackMin: 1, spokeStackMedian: 1, spokeStackMax: 1, total: 10215, hubStackJsonMiB: 1 };
    const size: SizeTiming = { id: 'x', size: USER_PATH_SIZES[0], configFile: 'c', variants: [variant('bare', 2500, 2400), variant('npm-run-synth', 3200, 2900)], resources: counts, identicalOutput: true, stacksDir: 's' };
    const machine = { nproc: 2, loadAverage: { start: 1, end: 2 }, cpu: 'cpu', memoryGiB: 24, node: 'v20', platform: 'linux' };
    const result: UserPathResult = { date: '2026-11-30', machine, command: 'npm run bench -- --user-path', runs: 1, warmup: 1, sizes: [size], example: { ...size, variants: [variant('cdktf-synth', 9000, 5000)] }, durationMs: 1000 };
    const md = renderUserPath(result);
    expect(md).toContain('`npm run bench -- --user-path`');
    expect(md).toContain('| 3 hub(s), 120 spokes in 40 accounts, 30 services (10,215 resources) | npm-run-synth | 3,200 ms | 1.00x | 2,900 ms | 3200 | yes |');
    expect(md).toContain('wall **not met** (3,200 ms); CPU time 2,900 ms (met)');
  });
});

describe('measure', () => {
  it('adds up the CPU time of the Node processes of a command', () => {
    // Spins until this process itself has used 300 ms of CPU, however loaded the machine is.
    const busy = 'while (process.cpuUsage().user < 300000) {}';
    const m = measure({ argv: [process.execPath, '-e', busy], env: {} }, PROJECT_ROOT);
    expect(m.nodeProcesses).toBe(1);
    expect(m.cpuMs).toBeGreaterThanOrEqual(300);
    expect(m.cpuMs).toBeLessThan(m.wallMs + 1000);
  });
});
