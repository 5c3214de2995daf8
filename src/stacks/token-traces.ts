/**
 * cdktf captures a complete stack trace (Error.stackTraceLimit raised to Number.MAX_SAFE_INTEGER) for
 * every token and every complex attribute of every resource it creates
 * (cdktf/lib/tokens/private/stack-trace.js), only to quote it if that token is misused later.
 * Formatting those traces was the largest single cost of building the construct tree: at 15,700
 * resources about 0.5 s of a 3.6 s synth and a fifth of its peak memory (bench/RESULTS.md).
 *
 * While `run` executes, traces captured into plain objects (which is how cdktf captures them) come out
 * empty; real Errors keep their usual `message` + `at` frames. Like `stackTraces: false` in buildApp,
 * this gives up diagnostics of cdktf misuse, never a byte of the synthesized output.
 */
export function withoutTokenStackTraces<T>(run: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (target: Error, frames: NodeJS.CallSite[]): unknown => {
    if (!(target instanceof Error)) return '';
    return previous ? previous(target, frames) : defaultStack(target, frames);
  };
  try {
    return run();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

/** V8's default format: the error as a string, then one `    at <frame>` line per frame. */
function defaultStack(error: Error, frames: NodeJS.CallSite[]): string {
  const head = Error.prototype.toString.call(error);
  return frames.length === 0 ? head : `${head}\n    at ${frames.join('\n    at ')}`;
}
