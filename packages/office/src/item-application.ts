/** @module An application as the officer reads it: the residents' "check your answers", by the procedure's steps and labels. */
import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { DepartmentDocument } from '@ebok/schemas/api';
import { formModels } from '@ebok/schemas';
import { currentLang, renderAnswers } from '@ebok/widgets/shared';

type Model = Parameters<typeof renderAnswers>[0];
type Data = Parameters<typeof renderAnswers>[1];
type Files = Parameters<typeof renderAnswers>[2];

/** A filed application: its procedure's form model (every language's texts), the answers and the files. */
export interface Application {
  readonly model: Model;
  readonly data: Data;
  readonly files: Files;
}

interface Envelope {
  procedure?: unknown;
  schemaVersion?: unknown;
  data?: unknown;
  attachments?: Array<{ name: string; size: number; sha256: string }>;
}

/** The application in a department's document, or undefined for a letter (paper, e-mail) or a procedure not known here. */
export async function applicationOf(doc: DepartmentDocument): Promise<Application | undefined> {
  const procedure = doc.entry.procedure;
  if (!procedure || doc.mediaType !== 'application/json') return undefined;
  let envelope: Envelope;
  try {
    envelope = JSON.parse(doc.document) as Envelope;
  } catch {
    return undefined;
  }
  const load = formModels[`${procedure.id}@${procedure.version}`];
  if (!load || typeof envelope.data !== 'object' || envelope.data === null) return undefined;
  const model = (await load()).default as unknown as Model;
  const files: Record<string, Files[string]> = {};
  // The answers' list names each file as the resident attached it: its name and size.
  for (const a of envelope.attachments ?? [])
    files[a.name] = { file: { name: a.name, size: a.size } as File, sha256: a.sha256 };
  return {
    model,
    data: envelope.data as Data,
    files,
  };
}

/** What the procedure calls an attachment, in the console's language (Polish when it has none). */
export function attachmentLabel(application: Application | undefined, name: string): string | undefined {
  const label = application?.model.procedure.attachments.find((a) => a.name === name)?.label as
    Readonly<Record<string, string | undefined>> | undefined;
  return label && (label[currentLang()] ?? label['pl']);
}

/** The application's answers step by step; a letter's content is in its scans. */
export function renderApplication(application: Application | undefined): TemplateResult {
  if (!application)
    return html`<p>${msg('Treść pisma jest w skanach (załącznikach) poniżej.', { id: 'office.item.letter' })}</p>`;
  return html`<div class="application">
    ${renderAnswers(application.model, application.data, application.files, () => html``)}
  </div>`;
}
