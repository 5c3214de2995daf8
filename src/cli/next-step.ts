/**
 * The line `synth` ends with: what to run next on what it wrote. The offline checks first (`check`,
 * `prove`: no AWS access needed), then Terraform in the first stack to deploy (hub stacks first: the
 * spokes stacks read their outputs). Flags the user gave are repeated, so the commands work as printed.
 */
import path from 'node:path';

export interface NextStepInput {
  /** `--config` as the user gave it; undefined for the default (or $VPCE_HUB_CONFIG, which the next commands read too). */
  config?: string;
  /** The output folder, relative to the current folder. */
  outdir: string;
  /** The first stack in deploy order. */
  firstStack?: string;
}

export function nextStepAfterSynth({ config, outdir, firstStack }: NextStepInput): string {
  const flags = [...(config !== undefined ? [`--config ${config}`] : []), ...(path.normalize(outdir) !== 'cdktf.out' ? [`--dir ${outdir}`] : [])].join(' ');
  const offline = ['check', 'prove'].map((c) => `vpce-hub ${c}${flags ? ` ${flags}` : ''}`).join(' && ');
  const stack = firstStack === undefined ? '' : `, then deploy in that order, starting with ${firstStack}: terraform -chdir=${path.join(outdir, 'stacks', firstStack)} init && terraform -chdir=${path.join(outdir, 'stacks', firstStack)} plan`;
  return `vpce-hub: next: ${offline} (offline checks of what was written)${stack}`;
}
