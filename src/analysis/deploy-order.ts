/**
 * Deploy order of synthesized stacks from the dependencies cdktf's manifest.json lists: a stack's
 * level is 0 when it reads no other stack, else one more than the highest level among the stacks it
 * reads. Every stack of one level can run in parallel once the levels before it are done, which is
 * what `cdktf deploy '*'` does with the same list and what a CI matrix needs (a hub stack is level 0,
 * the spokes stacks that read its outputs level 1).
 *
 * A dependency on a stack that is not in the list is ignored (the list may be a subset).
 */
export interface StackDependencies {
  readonly name: string;
  readonly dependencies: readonly string[];
}

export interface LeveledStack {
  readonly name: string;
  readonly level: number;
}

export class DependencyCycleError extends Error {}

/** The stacks by level, each level by name. Throws DependencyCycleError when the stacks depend on each other in a cycle. */
export function deployOrder(stacks: readonly StackDependencies[]): LeveledStack[] {
  const known = new Set(stacks.map((s) => s.name));
  const done = new Set<string>();
  const out: LeveledStack[] = [];
  for (let level = 0; out.length < stacks.length; level++) {
    const ready = stacks.filter((s) => !done.has(s.name) && s.dependencies.every((d) => done.has(d) || !known.has(d))).map((s) => s.name);
    if (ready.length === 0) {
      throw new DependencyCycleError(`the stacks depend on each other in a cycle: ${stacks.filter((s) => !done.has(s.name)).map((s) => s.name).join(', ')}`);
    }
    // Marked done only after the whole level is chosen, so a level never holds a stack and its dependency.
    for (const name of ready.sort()) {
      out.push({ name, level });
    }
    for (const name of ready) done.add(name);
  }
  return out;
}
