#!/usr/bin/env node
// Prints the root of an offline Terraform provider mirror for hashicorp/aws (the folder that holds
// registry.terraform.io/), or nothing. Used by .ci/run and the test harness when
// VPCE_HUB_PROVIDER_MIRROR is unset, on machines without registry access (engineering.md section 1).
const { spawnSync } = require('node:child_process');

function findProviderMirror() {
  const r = spawnSync('find', ['/', '-xdev', '-maxdepth', '6', '-type', 'd', '-path', '*/registry.terraform.io/hashicorp/aws'], {
    encoding: 'utf8',
    timeout: 20000,
  });
  const hit = (r.stdout || '').split('\n').find((line) => line.endsWith('/registry.terraform.io/hashicorp/aws'));
  return hit ? hit.slice(0, -'/registry.terraform.io/hashicorp/aws'.length) : undefined;
}

module.exports = { findProviderMirror };
if (require.main === module) {
  const mirror = findProviderMirror();
  if (mirror) process.stdout.write(`${mirror}\n`);
}
