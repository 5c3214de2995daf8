/**
 * The account-key rename procedure `vpce-hub review` prints (src/review/renames.ts), run for real:
 * Terraform's own init, `state pull` and `state push` on the synthesized stacks with their local
 * backend, from the state of the old stack to the new one. Only the final `plan` is left out (it needs
 * AWS).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfigText } from '../../src/config/load';
import { buildPlan } from '../../src/planning/build-plan';
import { terraformEnv } from '../../src/review/offline-plan';
import { accountRenames } from '../../src/review/renames';
import { buildApp } from '../../src/stacks/app';
import { PROJECT_ROOT } from '../support/synth';
import { terraformOptions } from '../support/terraform';

const SHIPPED = readFileSync(path.join(PROJECT_ROOT, 'vpce-hub.yaml'), 'utf8');
const RENAMED = SHIPPED.replace(/\bpayments:( \{ id: "222222222222")/, 'pay:$1').replace(/account: payments\b/g, 'account: pay');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-account-rename-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('moves the state of a renamed account key with the printed commands', () => {
  const base = parseConfigText(SHIPPED).config;
  const current = parseConfigText(RENAMED).config;
  const [rename] = accountRenames(base, current, { baseConfig: 'vpce-hub.base.yaml', baseOut: 'cdktf.base.out', out: 'cdktf.out', base: { ref: 'origin/main', configPath: 'vpce-hub.yaml' } });
  expect(rename.stacks).toEqual([{ from: 'payments', to: 'pay' }]);
  buildApp(buildPlan(base), path.join(dir, 'cdktf.base.out')).synth();
  buildApp(buildPlan(current), path.join(dir, 'cdktf.out')).synth();

  // The old stack's state, as its local backend keeps it (a peering accepter that exists in AWS).
  mkdirSync(path.join(dir, '.terraform-state'), { recursive: true });
  const resource = { mode: 'managed', type: 'aws_vpc_peering_connection_accepter', name: 'spoke_payments-prod', provider: 'provider["registry.terraform.io/hashicorp/aws"].us_east_1', instances: [{ schema_version: 0, attributes: { id: 'pcx-0123456789abcdef0' } }] };
  writeFileSync(path.join(dir, '.terraform-state', 'payments.tfstate'), JSON.stringify({ version: 4, terraform_version: '1.11.0', serial: 3, lineage: 'old-payments-lineage', outputs: {}, resources: [resource] }));

  const env = terraformEnv(terraformOptions());
  for (const command of rename.commands.filter((c) => c.startsWith('terraform '))) {
    // The plan needs AWS; everything before it runs.
    if (/ plan$/.test(command)) break;
    const r = spawnSync('bash', ['-c', command], { cwd: dir, env, encoding: 'utf8' });
    expect({ command, status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ command, status: 0, stderr: '' });
  }
  expect(existsSync(path.join(dir, '.terraform-state', 'pay.tfstate'))).toBe(true);
  const list = spawnSync('terraform', ['-chdir=cdktf.out/stacks/pay', 'state', 'list'], { cwd: dir, env, encoding: 'utf8' });
  expect(list.stdout.trim()).toBe('aws_vpc_peering_connection_accepter.spoke_payments-prod');
  // The same lineage: the new state is the old one, not a copy Terraform would treat as unrelated.
  expect(JSON.parse(readFileSync(path.join(dir, '.terraform-state', 'pay.tfstate'), 'utf8')).lineage).toBe('old-payments-lineage');
}, 180_000);
