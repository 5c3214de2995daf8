/** `vpce-hub prove`: does the synthesized output let every spoke reach every service of its hub? Exit 0 yes, 1 no, 2 bad input. */
import type { Command } from 'commander';
import path from 'node:path';
import { ConfigError, formatFindings } from '../../config/findings';
import { loadConfigFile, resolveConfigPath } from '../../config/load';
import { formatPolicyMarkdown, formatPolicyText, provePolicies } from '../../analysis/policy-proof';
import { formatMatrixMarkdown, formatMatrixText, proveReachability } from '../../analysis/prove';
import { loadTree, TreeLoadError, type SynthTree } from '../../analysis/tree';
import type { Register } from '../index';

const FORMATS = ['text', 'markdown', 'json'] as const;

export const registerProve: Register = (program: Command, setExit) => {
  program
    .command('prove')
    .description('prove from the synthesized stacks that each spoke resolves and reaches each service of its hub (DNS, routes, peering, security group, AZs, companions), and simulate every endpoint policy against canonical requests; exit 1 if any pair or must-allow request is broken')
    .option('-c, --config <file>', 'config file (default: $VPCE_HUB_CONFIG or vpce-hub.yaml)')
    .option('-o, --out <dir>', 'folder synth wrote to', 'cdktf.out')
    .option('-f, --format <format>', FORMATS.join(', '), 'text')
    .action((opts: { config?: string; out: string; format: string }) => {
      const fail = (message: string) => {
        process.stderr.write(`${message}\n`);
        setExit(2);
      };
      if (!(FORMATS as readonly string[]).includes(opts.format)) return fail(`vpce-hub prove: --format must be one of ${FORMATS.join(', ')}`);
      let config;
      try {
        config = loadConfigFile(resolveConfigPath(opts.config)).config;
      } catch (e) {
        if (e instanceof ConfigError) return fail(formatFindings(e.findings.filter((f) => f.severity === 'error'), e.file));
        throw e;
      }
      const dir = path.resolve(opts.out);
      let tree: SynthTree;
      try {
        tree = loadTree(dir);
      } catch (e) {
        if (!(e instanceof TreeLoadError)) throw e;
        // loadTree's own message for a missing folder names check's --dir option; prove calls it --out.
        return fail(`vpce-hub prove: ${e.reason === 'missing' ? `${path.join(dir, 'manifest.json')} does not exist: run vpce-hub synth first` : e.message}`);
      }
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
