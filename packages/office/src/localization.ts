/** @module The console's English texts join the widgets' localization (one per page), before anything switches language. */
import { addTexts } from '@ebok/widgets/shared';

addTexts((locale) => (locale === 'en' ? import('./generated/locales/en.js') : Promise.resolve({ templates: {} })));
