/**
 * VH-STR-001: every literal name, description, comment, tag and session name in the synthesized JSON
 * satisfies AWS's documented constraint (src/constraints/aws-string-constraints.ts). `validate` checks
 * what vpce-hub generates; this covers hand edits and future code. Values that are Terraform
 * expressions (`${...}`) are unknown until apply and skipped.
 */
import { distinctTagRows, PROVIDER_ARGUMENTS, RESOURCE_ARGUMENTS, rowOf, TAGS_BY_TYPE, violation, type ConstraintId } from '../../constraints/aws-string-constraints';
import { blocks, isObject, str, type JsonObject } from '../json-value';
import { defineRule, type Violation } from './rule';

const isLiteral = (v: string): boolean => !v.includes('${');

export const awsStringConstraints = defineRule(
  {
    id: 'VH-STR-001',
    severity: 'error',
    summary: "Names, descriptions, comments, tags and session names fit AWS's documented constraints",
    explanation:
      "AWS rejects a value outside its documented length, characters or reserved prefixes with a 400 at apply, and Terraform's provider checks only some of them at plan " +
      '(a Route 53 Profile resource association named after a zone, with dots, passes plan and fails every apply: provider issue 39793). Each finding names the limit and its AWS API reference.',
  },
  (tree) => {
    const out: Violation[] = [];
    /** True when it reported a violation. */
    const check = (stack: string, resource: string, argument: string, id: ConstraintId, value: string): boolean => {
      if (!isLiteral(value)) return false;
      const row = rowOf(id);
      const why = violation(row, value);
      if (why !== undefined) out.push({ stack, resource, message: `${argument} ${JSON.stringify(value)} ${why} (${row.field}, ${row.source})` });
      return why !== undefined;
    };
    const checkTags = (stack: string, resource: string, where: string, tags: JsonObject, rows: readonly (readonly [ConstraintId, ConstraintId])[]) => {
      // One finding per key and per value: the first row (service) that refuses it.
      for (const [key, value] of Object.entries(tags)) {
        rows.some(([keyRow]) => check(stack, resource, `${where} key`, keyRow, key));
        if (typeof value === 'string') rows.some(([, valueRow]) => check(stack, resource, `${where}.${key}`, valueRow, value));
      }
    };
    for (const stack of tree.stacks.values()) {
      for (const r of stack.resources) {
        for (const [argument, id] of Object.entries(RESOURCE_ARGUMENTS[r.type] ?? {})) {
          const value = str(r.body, argument);
          if (value !== undefined) check(stack.name, r.address, argument, id, value);
        }
        const tagRows = TAGS_BY_TYPE[r.type];
        const tags = r.body.tags;
        if (tagRows && isObject(tags)) checkTags(stack.name, r.address, 'tags', tags, [tagRows]);
      }
      for (const p of stack.providers) {
        // Default tags land on every taggable resource: hold them to every tag row.
        for (const block of blocks(p.body, 'default_tags')) {
          const tags = block.tags;
          if (isObject(tags)) checkTags(stack.name, p.address, 'default_tags', tags, distinctTagRows());
        }
        for (const [path, id] of Object.entries(PROVIDER_ARGUMENTS)) {
          const [blockName, argument] = path.split('.');
          for (const block of blocks(p.body, blockName)) {
            const value = str(block, argument);
            if (value !== undefined) check(stack.name, p.address, path, id, value);
          }
        }
      }
    }
    return out;
  },
);
