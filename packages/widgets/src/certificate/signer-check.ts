import { msg, str } from '@lit/localize';
import {
  expectedSigner,
  type BrowserFieldModel,
  type BrowserFormModel,
  type Json,
} from '@ebok/forms-core/runtime/base';
import { parseSemanticsIdentifier } from '@ebok/forms-core/formats';
import { currentLang, t } from '../localization.js';
import { getAt, isVisible, submittable, type JsonObject } from '../form/data.js';

/** What the signing step knows of the certificate in this browser. */
export interface CertificateHolder {
  readonly givenNames?: string;
  readonly surname?: string;
  readonly commonName?: string;
  /** The subject's semantics identifier (`PNOPL-<PESEL>`, `PAS<CC>-<number>` …). */
  readonly identifier?: string;
}

/**
 * Why the certificate in this browser cannot sign the application as it stands, in the words the
 * signing step shows: the intake server would refuse it (`signer-mismatch`).
 */
export interface SignerProblem {
  /**
   * `mismatch`: the certificate is someone else's. `unidentified`: the form gives the person who
   * must sign neither a PESEL nor an identity document, so no certificate can be checked against it.
   */
  readonly kind: 'mismatch' | 'unidentified';
  /** The person's role, from the label of their part of the form ("pełnomocnik", "właściciel 1"). */
  readonly role: string;
  /** The person who must sign, as the form names them: "Jan Kowalski (PESEL 72031204557)". */
  readonly signer: string;
  /** Whom the certificate was issued to, in the same words. */
  readonly holder: string;
  /** The step where the person's details are, and the field there to correct (a JSON pointer). */
  readonly step: number;
  readonly field: string;
}

/** An identifier as a resident reads it: "PESEL 44051401359", "paszport UA FE123456". */
function describeIdentifier(identifier: string | undefined): string {
  const id = identifier === undefined ? undefined : parseSemanticsIdentifier(identifier);
  if (!id) return '';
  if ('pesel' in id) return `PESEL ${id.pesel}`;
  const { kind, country, number } = id.identityDocument;
  return kind === 'passport'
    ? msg(str`paszport ${country} ${number}`, { id: 'signer.passport' })
    : msg(str`dowód osobisty ${country} ${number}`, { id: 'signer.id-card' });
}

/** "Jan Kowalski (PESEL …)": a name and, when known, the identifier. */
function describePerson(name: string, identifier: string | undefined): string {
  const id = describeIdentifier(identifier);
  return name && id ? `${name} (${id})` : name || id;
}

const nameOf = (p: { givenNames?: unknown; surname?: unknown; commonName?: unknown }): string =>
  [p.givenNames, p.surname].filter((s) => typeof s === 'string' && s).join(' ') ||
  (typeof p.commonName === 'string' ? p.commonName : '');

/** A label as a role inside a sentence: "Pełnomocnik" → "pełnomocnik" (an acronym stays as it is). */
const asRole = (label: string): string =>
  /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLocaleLowerCase(currentLang()) + label.slice(1) : label;

/** The model's field of the part at `pointer` and its label ("Właściciel 1" for `/owners/0`). */
function partAt(
  fields: readonly BrowserFieldModel[],
  pointer: string,
): { field: BrowserFieldModel | undefined; label: string } {
  let level: readonly BrowserFieldModel[] = fields;
  let field: BrowserFieldModel | undefined;
  let label = '';
  for (const segment of pointer.slice(1).split('/')) {
    if (field && /^\d+$/.test(segment)) {
      label = `${t(field.itemLabel ?? field.label)} ${Number(segment) + 1}`;
      continue;
    }
    field = level.find((f) => f.name === segment);
    if (!field) break;
    label = t(field.label);
    level = field.fields ?? field.item?.fields ?? [];
  }
  return { field, label };
}

/**
 * The field that says who the person is: their PESEL, else the first field of their identity
 * document (for a person without a PESEL), else their first field.
 */
function identityField(part: BrowserFieldModel | undefined, person: Json | undefined, pointer: string): string {
  const shown = (part?.fields ?? []).filter((f) => isVisible(f, person));
  const field = shown.find((f) => f.name === 'pesel') ?? shown.find((f) => f.name === 'identityDocument') ?? shown[0];
  if (!field) return pointer;
  const inner = field.fields?.find((f) => isVisible(f, getAt(person, `/${field.name}`)));
  return inner ? `${pointer}/${field.name}/${inner.name}` : `${pointer}/${field.name}`;
}

/**
 * Whether the certificate can sign the application: undefined when it can (or the procedure names
 * no signers), else what is wrong. The person who must sign is the one the intake server checks
 * for (`expectedSigner` of the answers as they would be sent).
 */
export function signerProblem(
  model: BrowserFormModel,
  data: JsonObject,
  certificate: CertificateHolder,
): SignerProblem | undefined {
  const signers = model.procedure.signers;
  if (!signers?.length) return undefined;
  const sent = submittable(model.fields, data);
  const expected = expectedSigner(sent, signers);
  if (expected?.identifier && expected.identifier === certificate.identifier) return undefined;
  // No one named at all: the last signer is the one the form always asks for (the applicant).
  // (A list every person of which signs, `/owners/*`, by its first item.)
  const pointer = expected?.pointer ?? signers[signers.length - 1]!.replace(/\/\*$/, '/0');
  const person = getAt(sent, pointer);
  const { field, label } = partAt(model.fields, pointer);
  const top = pointer.slice(1).split('/')[0];
  return {
    kind: expected?.identifier ? 'mismatch' : 'unidentified',
    role: asRole(label),
    signer: describePerson(nameOf((person ?? {}) as Record<string, unknown>), expected?.identifier),
    holder: describePerson(nameOf(certificate), certificate.identifier),
    step: Math.max(
      0,
      model.steps.findIndex((s) => s.fields.includes(top!)),
    ),
    field: identityField(field, person, pointer),
  };
}
