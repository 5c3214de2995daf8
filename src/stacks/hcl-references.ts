/**
 * cdktf 0.21's HCL renderer (`cdktf synth --hcl`) writes the references of meta-arguments as quoted
 * strings, the Terraform 0.11 syntax: `provider = "aws.eu_west_1"`, and each item of `depends_on` and
 * `lifecycle { ignore_changes }` in quotes. Terraform 1.x still reads them but warns "Quoted references
 * are deprecated" once per reference (74 warnings for one example stack). This writes them bare, the
 * way the JSON form is read and the way Terraform documents them:
 * https://developer.hashicorp.com/terraform/language/meta-arguments/resource-provider ,
 * https://developer.hashicorp.com/terraform/language/meta-arguments/depends_on ,
 * https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#ignore_changes .
 *
 * cdktf renders these one per line (`provider = "..."`; a list opening `depends_on = [`, one quoted item
 * per line, `]`), so a line is rewritten only when it is exactly such a line and its text is a
 * reference; heredoc bodies (`<<EOF` ... `EOF`, cdktf's form of multi-line strings) are left as they are.
 */

/** `aws`, `aws.eu_west_1`, `aws_route.x`, `data.aws_vpc.x`, `tags`, `tags["Name"]` is not one (stays quoted). */
const REFERENCE = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;
const PROVIDER_LINE = /^(\s*provider\s*=\s*)"([^"]*)"(\s*)$/;
const LIST_START = /^\s*(depends_on|ignore_changes)\s*=\s*\[\s*$/;
const LIST_ITEM = /^(\s*)"([^"]*)"(\s*,?\s*)$/;
const HEREDOC_START = /<<-?([A-Za-z_]\w*)\s*$/;

export function withBareReferencesHcl(hcl: string): string {
  const out: string[] = [];
  let inList = false;
  let heredocEnd: string | undefined;
  for (const line of hcl.split('\n')) {
    if (heredocEnd !== undefined) {
      if (line.trim() === heredocEnd) heredocEnd = undefined;
      out.push(line);
      continue;
    }
    const heredoc = HEREDOC_START.exec(line);
    if (heredoc) {
      heredocEnd = heredoc[1];
      out.push(line);
      continue;
    }
    if (inList) {
      if (/^\s*\]/.test(line)) inList = false;
      const item = LIST_ITEM.exec(line);
      out.push(item && REFERENCE.test(item[2]) ? `${item[1]}${item[2]}${item[3]}` : line);
      continue;
    }
    if (LIST_START.test(line)) {
      inList = true;
      out.push(line);
      continue;
    }
    const provider = PROVIDER_LINE.exec(line);
    out.push(provider && REFERENCE.test(provider[2]) ? `${provider[1]}${provider[2]}${provider[3]}` : line);
  }
  return out.join('\n');
}
