/**
 * The office console (`/office/`): its shell and screens, on the widgets' controls and their
 * localization (Polish, the source, and English).
 */
import './localization.js';

// The page's own margins; the console's look is in its elements (adopted style sheets: no inline styles).
const page = new CSSStyleSheet();
page.replaceSync('body { margin: 0; background: #fff; }');
document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];

export { EbokOffice } from './app.js';
export { EbokOfficeInbox } from './inbox.js';
export { EbokOfficeCase } from './case-view.js';
export { EbokOfficeCaseList } from './case-list.js';
export { EbokOfficeChancellery } from './chancellery.js';
export { EbokOfficeLabel } from './label.js';
export { EbokOfficeRegister } from './register.js';
