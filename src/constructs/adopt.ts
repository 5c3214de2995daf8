/**
 * Emits a Terraform `import` block (Terraform >= 1.5) for a resource that already exists: the first
 * apply takes it over instead of creating it. cdktf renders `importFrom` into the JSON (`import`
 * list) and the HCL (`import {}` blocks); the block names the resource's own provider, so an aliased
 * provider (another account or region) reads it where the resource lives.
 * https://developer.hashicorp.com/terraform/language/import
 */
import type { TerraformResource } from 'cdktf';

export function adopt(r: TerraformResource, id: string | undefined): void {
  if (id !== undefined) r.importFrom(id, r.provider);
}
