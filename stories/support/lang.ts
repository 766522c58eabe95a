import type { Lang } from '@ebok/forms-core/runtime';
import { currentLang } from '../../packages/widgets/src/localization.js';

/** A sample text in the three languages of the widgets, as a form model carries its own. */
export type Sample = Readonly<Record<Lang, string>>;

/** The sample in the language chosen in the toolbar (the preview switched the widgets to it). */
export const say = (sample: Sample): string => sample[currentLang()];
