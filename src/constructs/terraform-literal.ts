/**
 * Text Terraform must read as it is. Every string of its JSON syntax is a template, so a policy
 * variable (`${aws:PrincipalAccount}`) in a custom endpoint policy fails `terraform validate` ("Extra
 * characters after interpolation expression") unless escaped as `$${` (`%{` as `%%{`):
 * https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences
 * Such text is written as one quoted HCL string inside `${...}`, escapes included, because cdktf's
 * HCL renderer (`synth --hcl`) writes any string holding `${` as it is, without escaping its quotes
 * (cdktf lib/hcl/render.js, escapeQuotes). Text without them is written unchanged.
 */
export function terraformLiteral(text: string): string {
  if (!/[$%]\{/.test(text)) return text;
  const quoted = text
    .replace(/\\/g, () => '\\\\')
    .replace(/"/g, () => '\\"')
    .replace(/\n/g, () => '\\n')
    .replace(/\r/g, () => '\\r')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
  return `\${"${quoted}"}`;
}
