import { describe, expect, it } from 'vitest';
import type { BrowserFormModel } from '@ebok/forms-core/runtime/base';
import dowod from '@ebok/schemas/procedures/wso-dowod-osobisty/1.0.0/form-model.js';
import rejestracja from '@ebok/schemas/procedures/wk-rejestracja-stala/1.0.0/form-model.js';
import wymeldowanie from '@ebok/schemas/procedures/wso-wymeldowanie-stale/1.0.0/form-model.js';
import type { JsonObject } from '../form/data.js';
import { signerProblem } from './signer-check.js';

const models = { dowod, rejestracja, wymeldowanie } as unknown as Record<string, BrowserFormModel>;
const anna = { givenNames: 'Anna', surname: 'Testowa', identifier: 'PNOPL-44051401359' };
const stepOf = (model: BrowserFormModel, field: string): number =>
  model.steps.findIndex((s) => s.fields.includes(field));

const person = (pesel: string): JsonObject => ({ givenNames: 'Jan', surname: 'Kowalski', pesel });
const owner = (fields: JsonObject): JsonObject => ({ owners: [{ kind: 'osoba-fizyczna', ...fields }] });

describe('whether the certificate in the browser can sign the application', () => {
  it('can when it is the person the form names', () => {
    expect(signerProblem(models['wymeldowanie']!, { person: person('44051401359') }, anna)).toBe(undefined);
  });

  it("names the role from the form's label, both people, and the field to correct", () => {
    const model = models['rejestracja']!;
    expect(signerProblem(model, owner(person('02070803628')), anna)).toEqual({
      kind: 'mismatch',
      role: 'właściciel 1',
      signer: 'Jan Kowalski (PESEL 02070803628)',
      holder: 'Anna Testowa (PESEL 44051401359)',
      step: stepOf(model, 'owners'),
      field: '/owners/0/pesel',
    });
    const parent = signerProblem(
      models['dowod']!,
      { forMinor: true, parent: person('02070803628'), person: person('44051401359') },
      anna,
    );
    expect(parent?.role).toBe('rodzic, opiekun prawny lub kurator składający wniosek');
    expect(parent?.field).toBe('/parent/pesel');
  });

  it('looks for the person among the answers that are sent: a proxy no longer chosen does not sign', () => {
    const model = models['wymeldowanie']!;
    const data = { person: person('44051401359'), byProxy: true, proxy: person('02070803628') };
    expect(signerProblem(model, data, anna)?.role).toBe('pełnomocnik');
    expect(signerProblem(model, { ...data, byProxy: false }, anna)).toBe(undefined);
  });

  it('compares an identity document as the certificate names it, and links to the document', () => {
    const model = models['wymeldowanie']!;
    const passport = { kind: 'passport', country: 'UA', number: 'fe 123456' };
    const data = { person: { givenNames: 'Olena', surname: 'Kovalenko', noPesel: true, identityDocument: passport } };
    const problem = signerProblem(model, data, anna);
    expect(problem?.signer).toBe('Olena Kovalenko (paszport UA FE123456)');
    expect(problem?.field).toBe('/person/identityDocument/kind');
    expect(signerProblem(model, data, { ...anna, identifier: 'PASUA-FE123456' })).toBe(undefined);
  });

  it('says when the form gives the signer neither a PESEL nor an identity document', () => {
    const model = models['rejestracja']!;
    const company = { kind: 'firma', companyName: 'Trans-Pol sp. z o.o.', regon: '123456785' };
    expect(signerProblem(model, { owners: [company] }, anna)).toMatchObject({
      kind: 'unidentified',
      role: 'właściciel 1',
      signer: '',
      field: '/owners/0/kind',
    });
    expect(signerProblem(model, {}, anna)).toMatchObject({ kind: 'unidentified', field: '/owners/0/kind' });
  });
});
