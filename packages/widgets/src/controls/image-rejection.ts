/**
 * @module What a file field loads once its attachment states a pixel size (a photo): the
 * server's own check of a JPEG's or PNG's headers, with its messages, in a chunk of its own.
 */
import type { AttachmentRule } from '@ebok/forms-core/runtime/base';
import { checkAttachmentImage } from '@ebok/forms-core/runtime/image';
import { t } from '../localization.js';
import type { ControlValidity } from './form-control.js';

/**
 * Why a chosen file cannot be this attachment by its pixel size, as the server would say it;
 * undefined if it can, or if it cannot be read here (reading it again says so).
 */
export async function imageRejection(
  spec: Pick<AttachmentRule, 'name' | 'image'>,
  file: File,
): Promise<ControlValidity | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return undefined;
  }
  const issue = checkAttachmentImage(spec, file.type, bytes);
  return issue && { flags: { badInput: true }, message: t(issue.message) };
}
