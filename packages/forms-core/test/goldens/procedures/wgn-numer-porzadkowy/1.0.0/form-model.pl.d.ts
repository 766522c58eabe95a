import type { FormModel } from '@ebok/forms-core/runtime';
declare const model: FormModel;
export default model;
