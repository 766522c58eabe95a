import type { Lang } from '../types.js';
import { type Message, type MessageParams as P, num, plural, str } from './common.js';

/** The codes of what an image attachment's own bytes can be refused for. */
export type ImageCode = 'attachment.not-an-image' | 'attachment.image-too-small' | 'attachment.image-too-large';

const px = (p: P, w: string, h: string): string => `${num(p, w)}×${num(p, h)}`;
/** The image's own size, "400×500 pikseli", the word agreeing with the last number. */
const size = (lang: Lang, p: P, one: string, few: string, many: string): string =>
  `${num(p, 'width')}×${plural(lang, num(p, 'height'), one, few, many)}`;
const plSize = (p: P): string => size('pl', p, 'piksel', 'piksele', 'pikseli');
const enSize = (p: P): string => size('en', p, 'pixel', 'pixels', 'pixels');
const ukSize = (p: P): string => size('uk', p, 'піксель', 'пікселі', 'пікселів');
const exact = (p: P): boolean => p['exact'] === true;

/**
 * Messages for an image attachment whose bytes break its rule, in pl/en/uk together: only the
 * code that reads an image's bytes needs them, and it loads them with itself. Params: `format`
 * (JPEG, PNG), `width`, `height` and the rule's `minWidth`, `minHeight`, `maxWidth`,
 * `maxHeight`, with `exact` where the minimum is the maximum.
 */
export const IMAGE_MESSAGES: Readonly<Record<Lang, Readonly<Record<ImageCode, Message>>>> = {
  pl: {
    'attachment.not-an-image': (p: P) => `Plik nie jest prawidłowym obrazem ${str(p, 'format')}.`,
    'attachment.image-too-small': (p: P) =>
      `Zdjęcie ma ${plSize(p)}, a musi mieć ${exact(p) ? 'dokładnie' : 'co najmniej'} ${px(p, 'minWidth', 'minHeight')}.`,
    'attachment.image-too-large': (p: P) =>
      `Zdjęcie ma ${plSize(p)}, a ${exact(p) ? 'musi mieć dokładnie' : 'może mieć najwyżej'} ${px(p, 'maxWidth', 'maxHeight')}.`,
  },
  en: {
    'attachment.not-an-image': (p: P) => `The file is not a valid ${str(p, 'format')} image.`,
    'attachment.image-too-small': (p: P) =>
      `The photo is ${enSize(p)}; it must be ${exact(p) ? 'exactly' : 'at least'} ${px(p, 'minWidth', 'minHeight')}.`,
    'attachment.image-too-large': (p: P) =>
      `The photo is ${enSize(p)}; it must be ${exact(p) ? 'exactly' : 'at most'} ${px(p, 'maxWidth', 'maxHeight')}.`,
  },
  uk: {
    'attachment.not-an-image': (p: P) => `Файл не є коректним зображенням ${str(p, 'format')}.`,
    'attachment.image-too-small': (p: P) =>
      `Розмір фото — ${ukSize(p)}, а потрібно ${exact(p) ? 'рівно' : 'щонайменше'} ${px(p, 'minWidth', 'minHeight')}.`,
    'attachment.image-too-large': (p: P) =>
      `Розмір фото — ${ukSize(p)}, а потрібно ${exact(p) ? 'рівно' : 'не більше ніж'} ${px(p, 'maxWidth', 'maxHeight')}.`,
  },
};
