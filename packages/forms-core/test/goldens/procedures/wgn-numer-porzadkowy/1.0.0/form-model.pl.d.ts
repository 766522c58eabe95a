import type { BrowserFormModel } from '@ebok/forms-core/runtime';
declare const model: BrowserFormModel;
export default model;
