import { describe, expect, it } from 'vitest';
import type { BrowserFormModel, ProcedureValidator } from '@ebok/forms-core/runtime/base';
import { loadTexts } from './texts.js';

describe("a procedure's texts in another language", () => {
  it('are added once they come, and loaded again after a load that failed', async () => {
    const model = { procedure: { title: { pl: 'Wniosek' } } } as unknown as BrowserFormModel;
    const validator = { spec: { messages: {} } } as unknown as ProcedureValidator;
    let loads = 0;
    const load = async () => {
      if (++loads === 1) throw new Error('connection lost');
      return { default: ['Application'] };
    };
    await expect(loadTexts(model, validator, 'en', load)).rejects.toThrow('connection lost');
    await loadTexts(model, validator, 'en', load);
    expect(model.procedure.title).toEqual({ pl: 'Wniosek', en: 'Application' });
    expect(loadTexts(model, validator, 'en', load)).toBe(undefined);
    expect(loads).toBe(2);
  });
});
