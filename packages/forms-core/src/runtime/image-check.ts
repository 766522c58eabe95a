/**
 * @module An image attachment's bytes against its procedure's rule: the same check in the
 * browser, before the file is sent, and at the server, when it is filed. Only code that has such
 * an attachment loads it (with its messages), not every form.
 */
import { imageSize } from './image-size.js';
import { IMAGE_MESSAGES, type ImageCode } from './messages/image.js';
import { escapePointerSegment } from './pointer.js';
import type { AttachmentRule, ImageRule, Lang, Text, ValidationIssue } from './types.js';

export { imageSize, type ImageSize } from './image-size.js';
export { IMAGE_MESSAGES, type ImageCode } from './messages/image.js';

/** The media types an image rule applies to. */
export const IMAGE_MEDIA_TYPES: readonly string[] = ['image/jpeg', 'image/png'];

const FORMAT_NAMES: Readonly<Record<string, string>> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

/**
 * What is wrong with an image's bytes by its rule, as a code and its params; undefined if
 * nothing is. The bytes must be a JPEG or PNG of the media type declared for them.
 */
export function imageProblem(
  rule: ImageRule,
  mediaType: string,
  bytes: Uint8Array,
): { code: ImageCode; params: Record<string, unknown> } | undefined {
  const size = imageSize(bytes);
  if (!size || size.mediaType !== mediaType)
    return {
      code: 'attachment.not-an-image',
      params: { format: FORMAT_NAMES[mediaType] ?? IMAGE_MEDIA_TYPES.map((t) => FORMAT_NAMES[t]).join('/') },
    };
  const { width, height } = size;
  const exact = rule.minWidth === rule.maxWidth && rule.minHeight === rule.maxHeight;
  const params = { width, height, ...rule, ...(exact && { exact }) };
  if (width < rule.minWidth || height < rule.minHeight) return { code: 'attachment.image-too-small', params };
  if (width > (rule.maxWidth ?? Infinity) || height > (rule.maxHeight ?? Infinity))
    return { code: 'attachment.image-too-large', params };
  return undefined;
}

/**
 * An attachment's bytes against its `image` rule, if it has one: an issue at
 * `/attachments/<name>` as the validator gives them (code, params and message in pl, en and uk),
 * or undefined. `mediaType` is the one declared for the file (the signed document's, or the
 * chosen file's).
 */
export function checkAttachmentImage(
  spec: Pick<AttachmentRule, 'name' | 'image'>,
  mediaType: string,
  bytes: Uint8Array,
): ValidationIssue | undefined {
  const problem = spec.image && imageProblem(spec.image, mediaType, bytes);
  if (!problem) return undefined;
  const params = { name: spec.name, ...problem.params };
  const message = (lang: Lang): string => {
    const m = IMAGE_MESSAGES[lang][problem.code];
    return typeof m === 'string' ? m : m(params);
  };
  const text: Text = { pl: message('pl'), en: message('en'), uk: message('uk') };
  return { pointer: `/attachments/${escapePointerSegment(spec.name)}`, code: problem.code, message: text, params };
}
