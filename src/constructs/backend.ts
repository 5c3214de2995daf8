/**
 * State: one state per stack in the configured backend, and the matching remote-state reader that a
 * spoke stack uses for its hub stack's outputs. Local paths stay relative (a stack runs in
 * cdktf.out/stacks/<name>/), so the synthesized JSON never carries a machine path.
 */
import {
  CloudBackend,
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateS3,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  type TerraformRemoteState,
  type TerraformStack,
} from 'cdktf';
import path from 'node:path';
import { ids } from '../planning/naming';
import type { BackendPlan } from '../planning/plan';

/** From cdktf.out/stacks/<stack>/ back to the project root. */
const TO_PROJECT_ROOT = '../../..';

export const localStatePath = (dir: string, stack: string): string => path.posix.join(TO_PROJECT_ROOT, dir, `${stack}.tfstate`);
export const s3StateKey = (keyPrefix: string, stack: string): string => path.posix.join(keyPrefix, `${stack}.tfstate`);
export const cloudWorkspace = (prefix: string, stack: string): string => `${prefix}${stack}`;

export function configureBackend(stack: TerraformStack, backend: BackendPlan, stackName: string): void {
  switch (backend.kind) {
    case 'local':
      new LocalBackend(stack, { path: localStatePath(backend.dir, stackName) });
      return;
    case 's3':
      new S3Backend(stack, {
        bucket: backend.bucket,
        region: backend.region,
        key: s3StateKey(backend.keyPrefix, stackName),
        encrypt: true,
        ...(backend.roleArn ? { assumeRole: { roleArn: backend.roleArn } } : {}),
      });
      // cdktf 0.21's S3Backend predates S3-native locking (Terraform >= 1.10); DynamoDB locking is deprecated.
      stack.addOverride('terraform.backend.s3.use_lockfile', true);
      return;
    case 'cloud':
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(cloudWorkspace(backend.workspacePrefix, stackName)),
      });
      return;
  }
}

export function remoteStateOf(scope: TerraformStack, backend: BackendPlan, target: string): TerraformRemoteState {
  const id = ids.remoteState(target);
  switch (backend.kind) {
    case 'local':
      return new DataTerraformRemoteStateLocal(scope, id, { path: localStatePath(backend.dir, target) });
    case 's3':
      return new DataTerraformRemoteStateS3(scope, id, {
        bucket: backend.bucket,
        region: backend.region,
        key: s3StateKey(backend.keyPrefix, target),
        encrypt: true,
        ...(backend.roleArn ? { assumeRole: { roleArn: backend.roleArn } } : {}),
      });
    case 'cloud':
      return new DataTerraformRemoteState(scope, id, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: { name: cloudWorkspace(backend.workspacePrefix, target) },
      });
  }
}
