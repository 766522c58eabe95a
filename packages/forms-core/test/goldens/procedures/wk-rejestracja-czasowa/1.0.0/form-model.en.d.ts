declare const texts: readonly string[];
export default texts;
/** The texts of the validator's own messages (`validator.shared.js` has them in Polish only). */
export declare const messages: readonly string[];
