/**
 * validateModel where `new Function` is refused (a Content Security Policy without
 * 'unsafe-eval'; test/browser/chromium.test.ts runs the real thing): a clear error, not ajv's
 * EvalError. Here the refusal is simulated by replacing the global Function constructor.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const original = globalThis.Function;
afterEach(() => {
  globalThis.Function = original;
  vi.resetModules();
});

function refuseEval(): void {
  globalThis.Function = function () {
    throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not an allowed source of script");
  } as unknown as FunctionConstructor;
}

describe('validateModel without eval', () => {
  it('throws ModelValidationUnavailableError, saying what to do instead', async () => {
    const { validateModel, ModelValidationUnavailableError } = await import('../../src/index.js');
    refuseEval();
    let error: unknown;
    try {
      validateModel({ type: 'kvm', name: 'a' }, 'domain');
    } catch (e) {
      error = e;
    }
    globalThis.Function = original;
    expect(error).toBeInstanceOf(ModelValidationUnavailableError);
    expect((error as Error).message).toContain('validate(format(model))');
    expect((error as Error).cause).toBeInstanceOf(EvalError);
  });

  it('lets other errors through', async () => {
    const { compileUnlessEvalForbidden } = await import('../../src/xml/model/eval-unavailable.js');
    expect(compileUnlessEvalForbidden(() => 42)).toBe(42);
    expect(() => compileUnlessEvalForbidden(() => {
      throw new TypeError('not eval');
    })).toThrow(TypeError);
  });
});
