/** `vpce-hub prove`: does the synthesized output let every spoke reach every service of its hub? Exit 0 yes, 1 no, 2 bad input. */
import { Option, type Command } from 'commander';
import path from 'node:path';
import { ConfigError, formatFindings } from '../../config/findings';
import { loadConfigFile, resolveConfigPath } from '../../config/load';
import { formatPolicyMarkdown, formatPolicyText, provePolicies } from '../../analysis/policy-proof';
import { formatMatrixMarkdown, formatMatrixText, proveReachability } from '../../analysis/prove';
import { staleOutputReason, synthCommand } from '../../analysis/synth-record';
import { loadTree, TreeLoadError, type SynthTree } from '../../analysis/tree';
import { displayPath } from '../display-path';
import { notesOnTerraformFilesNotFromSynth } from '../synth-output-files';
import type { Register } from '../index';

const FORMATS = ['text', 'markdown', 'json'] as const;

export const registerProve: Register = (program: Command, setExit) => {
  program
    .command('prove')
    .description('prove from the synthesized stacks that each spoke resolves and reaches each service of its hub (DNS, routes, peering, security group, AZs, companions), and simulate every endpoint policy against canonical requests; exit 1 if any pair or must-allow request is broken')
    .option('-c, --config <file>', 'config file (default: $VPCE_HUB_CONFIG or vpce-hub.yaml)')
    .option('-d, --dir <dir>', 'synth output folder (as for check)', 'cdktf.out')
    // prove's earlier name for the folder, kept for scripts; --dir matches check and review --base-dir,
    // while review's --out is the report file it writes.
    .addOption(new Option('-o, --out <dir>').hideHelp())
    .option('-f, --format <format>', FORMATS.join(', '), 'text')
    .action((opts: { config?: string; dir: string; out?: string; format: string }) => {
      const fail = (message: string) => {
        process.stderr.write(`${message}\n`);
        setExit(2);
      };
      if (!(FORMATS as readonly string[]).includes(opts.format)) return fail(`vpce-hub prove: --format must be one of ${FORMATS.join(', ')}`);
      let config;
      let configFile;
      try {
        ({ config, file: configFile } = loadConfigFile(resolveConfigPath(opts.config)));
      } catch (e) {
        if (e instanceof ConfigError) return fail(formatFindings(e.findings.filter((f) => f.severity === 'error'), displayPath(e.file)));
        throw e;
      }
      const dir = path.resolve(opts.out ?? opts.dir);
      let tree: SynthTree;
      try {
        tree = loadTree(dir, synthCommand({ config: opts.config, out: opts.out ?? opts.dir }));
      } catch (e) {
        if (!(e instanceof TreeLoadError)) throw e;
        return fail(`vpce-hub prove: ${e.message}`);
      }
      const stale = staleOutputReason(dir, config, configFile, { config: opts.config, out: opts.out ?? opts.dir });
      if (stale) return fail(`vpce-hub prove: ${stale}`);
      process.stderr.write(notesOnTerraformFilesNotFromSynth('prove', dir, opts.out ?? opts.dir));
      const proof = proveReachability(tree, config);
      // Second matrix: the endpoint policies against canonical requests (src/policy).
      const policies = provePolicies(config);
      const text =
        opts.format === 'json'
          ? JSON.stringify({ ...proof, policies }, null, 2)
          : opts.format === 'markdown'
            ? [formatMatrixMarkdown(proof), formatPolicyMarkdown(policies)].filter(Boolean).join('\n\n')
            : [formatMatrixText(proof), formatPolicyText(policies)].filter(Boolean).join('\n\n');
      process.stdout.write(`${text}\n`);
      setExit(proof.ok && policies.ok ? 0 : 1);
    });
};
