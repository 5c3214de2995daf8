/**
 * Creates a resource whose Terraform address is exactly `<type>.<logicalId>`, with the logical id from
 * planning/naming.ts. cdktf would otherwise derive it from the construct path (plus a hash when
 * nested), so a refactor of construct nesting could silently replace resources.
 */
import type { TerraformElement } from 'cdktf';
import type { Construct } from 'constructs';

interface ResourceClass<Config, T extends TerraformElement> {
  new (scope: Construct, id: string, config: Config): T;
  readonly tfResourceType: string;
}

export function resource<Config, T extends TerraformElement>(cls: ResourceClass<Config, T>, scope: Construct, logicalId: string, config: Config): T {
  // The construct id only has to be unique in the scope; the type prefix lets two resource types share a logical id.
  const r = new cls(scope, `${cls.tfResourceType}.${logicalId}`, config);
  r.overrideLogicalId(logicalId);
  return r;
}
