/**
 * `vpce-hub review`: the report a reviewer reads before a change to the shared network is applied.
 * Exit 0 safe to apply; 1 blocked (an unacknowledged destructive change, a broken spoke/service pair,
 * an exceeded quota, or Terraform rejecting a stack under --offline); 2 invalid input.
 */
import type { Command } from 'commander';
import { fitReviewMarkdown, formatReviewMarkdown } from '../../review/format-markdown';
import { formatReviewText } from '../../review/format-text';
import { ReviewInputError, runReviewAsync } from '../../review/run-review';
import { resolveConfigPath } from '../../config/load';
import { checkReportFile, ReportFileError, writeReportFile } from '../report-file';
import type { Register } from '../index';

const FORMATS = ['text', 'markdown', 'json'] as const;

interface ReviewFlags {
  config?: string;
  base?: string;
  baseDir?: string;
  plan: string[];
  offline?: boolean;
  format: string;
  allowDestroy: string[];
  allowOutage: string[];
  gbPerSpoke?: string;
  out?: string;
  maxChars?: string;
  fullReport?: string;
  summaryOut?: string;
  fullOut?: string;
}

/** A GitHub job summary takes up to 1 MiB (GitHub docs, "Adding a job summary"); a little is left for what else the job writes. */
export const SUMMARY_BYTES = 1_000_000;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export const registerReview: Register = (program: Command, setExit) => {
  program
    .command('review')
    .description('report what a config change does, per stack in deploy order, with a destructive-change gate, a transition proof (no pair may lose service in any order Terraform may apply the change), the reachability matrix, topology, quota headroom and cost; exit 0 safe to apply, 1 when blocked (an unacknowledged destructive change or transition outage, a broken pair, an exceeded quota), 2 on bad input (an invalid config, an unknown --base ref, an unreadable --plan)')
    .option('-c, --config <file>', 'config file (default: $VPCE_HUB_CONFIG or vpce-hub.yaml)')
    .option('--base <git ref>', 'compare with the config file as it is at this git ref (e.g. origin/main)')
    .option('--base-dir <dir>', 'compare with an earlier synth output folder instead')
    .option('--plan <[stack=]file>', 'terraform show -json output of a stack (repeatable); replaces the tree comparison for that stack', collect, [])
    .option('--offline', 'also run real Terraform on every stack offline (init, validate, plan against an empty state), several stacks at once; the provider comes from $VPCE_HUB_PROVIDER_MIRROR, else a mirror found on this machine, else the registry')
    .option('-f, --format <format>', FORMATS.join(', '), 'text')
    .option('--allow-destroy <address>', 'acknowledge a destructive change: <stack>/<address>, <address>, or a pattern like <stack>/<type>.* or hub=<name>/<type>.* (repeatable)', collect, [])
    .option('--allow-outage <hub=name|spoke=name>', 'accept that the pairs of a hub or a spoke may lose service while the change is applied (a transition outage; repeatable)', collect, [])
    .option('--gb-per-spoke <n>', 'traffic assumption of the cost estimate: GB per spoke VPC per month')
    .option('-o, --out <file>', 'write the report to a file instead of stdout (replacing that file, never the config or a folder)')
    .option('--max-chars <n>', 'markdown: fit the report into n characters (a pull request comment: at most 65536), grouping or leaving out detail after the verdict, outages, acknowledgement lines, reachability delta and per-stack counts')
    .option('--full-report <text>', 'markdown: where the whole report is (e.g. a link to the job summary), named when --max-chars shortened it')
    .option('--summary-out <file>', 'also write the markdown report fitted to a GitHub job summary (1 MiB)')
    .option('--full-out <file>', 'also write the whole markdown report, nothing left out (an artifact)')
    .action(async (flags: ReviewFlags) => {
      const fail = (message: string) => {
        process.stderr.write(`vpce-hub review: ${message}\n`);
        setExit(2);
      };
      if (!(FORMATS as readonly string[]).includes(flags.format)) return fail(`--format must be one of ${FORMATS.join(', ')}`);
      const gb = flags.gbPerSpoke === undefined ? undefined : Number(flags.gbPerSpoke);
      if (gb !== undefined && !(Number.isFinite(gb) && gb >= 0)) return fail(`--gb-per-spoke must be a number >= 0, not ${flags.gbPerSpoke}`);
      for (const file of [flags.out, flags.summaryOut, flags.fullOut]) {
        if (file === undefined) continue;
        try {
          checkReportFile(file, [resolveConfigPath(flags.config)]);
        } catch (e) {
          if (e instanceof ReportFileError) return fail(e.message);
          throw e;
        }
      }
      const maxChars = flags.maxChars === undefined ? undefined : Number(flags.maxChars);
      if (maxChars !== undefined && !(Number.isInteger(maxChars) && maxChars >= 1000)) return fail(`--max-chars must be a whole number of at least 1000, not ${flags.maxChars}`);
      if (maxChars !== undefined && flags.format !== 'markdown') return fail('--max-chars fits the markdown report: add --format markdown');
      let report;
      try {
        report = await runReviewAsync({
          configPath: flags.config,
          base: flags.base,
          baseDir: flags.baseDir,
          plans: flags.plan,
          offline: flags.offline === true,
          // The provider mirror: VPCE_HUB_PROVIDER_MIRROR, else one found on this machine (provider-mirror.ts).
          terraform: {},
          // Long runs (--offline plans every stack) say what they are doing; the report goes to stdout or --out.
          progress: (line) => process.stderr.write(`vpce-hub review: ${line}\n`),
          allowDestroy: flags.allowDestroy,
          allowOutage: flags.allowOutage,
          gbPerSpokeMonth: gb,
        });
      } catch (e) {
        if (e instanceof ReviewInputError) return fail(e.message);
        throw e;
      }
      const fullReport = flags.fullReport !== undefined ? { fullReport: flags.fullReport } : {};
      const markdown = () => (maxChars !== undefined ? fitReviewMarkdown(report, { limit: maxChars, ...fullReport }) : formatReviewMarkdown(report));
      const text = flags.format === 'json' ? JSON.stringify(report, null, 2) : flags.format === 'markdown' ? markdown() : formatReviewText(report);
      if (flags.summaryOut) writeReportFile(flags.summaryOut, `${fitReviewMarkdown(report, { limit: SUMMARY_BYTES, unit: 'bytes', ...fullReport })}\n`);
      if (flags.fullOut) writeReportFile(flags.fullOut, `${formatReviewMarkdown(report)}\n`);
      if (flags.out) {
        writeReportFile(flags.out, `${text}\n`);
        process.stderr.write(`vpce-hub review: wrote ${flags.out} (exit ${report.exitCode})\n`);
      } else {
        process.stdout.write(`${text}\n`);
      }
      setExit(report.exitCode);
    });
};
