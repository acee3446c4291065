/**
 * validateModel compiles its JSON Schema validators with ajv, which generates JavaScript and
 * runs it through `new Function`. A page whose Content Security Policy has no `'unsafe-eval'`
 * forbids that: the browser throws an EvalError, which this error replaces with what to do.
 * Precompiled (standalone) validators are no way out: ajv's standalone code for the domain
 * model alone is 2.7 MB (docs/decisions.md).
 */
export class ModelValidationUnavailableError extends Error {
  override readonly name = 'ModelValidationUnavailableError';

  constructor(cause: unknown) {
    super(
      "validateModel cannot run here: it compiles its validators with `new Function`, which this page's " +
        "Content Security Policy forbids (its script-src has no 'unsafe-eval'). Check the document instead: " +
        "validate(format(model)) runs under any policy. Or allow 'unsafe-eval' for this page.",
      { cause },
    );
  }
}

let evalAllowed: boolean | undefined;

/**
 * `compile()`, unless the environment refuses `new Function`: then
 * {@link ModelValidationUnavailableError}. Asked once with an empty function before ajv's first
 * compilation, which would otherwise log its megabytes of generated source before failing.
 */
export function compileUnlessEvalForbidden<T>(compile: () => T): T {
  if (evalAllowed === undefined) {
    try {
      new Function('');
      evalAllowed = true;
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      evalAllowed = false;
      throw new ModelValidationUnavailableError(e);
    }
  }
  if (!evalAllowed) throw new ModelValidationUnavailableError(undefined);
  try {
    return compile();
  } catch (e) {
    if (e instanceof EvalError) throw new ModelValidationUnavailableError(e);
    throw e;
  }
}
