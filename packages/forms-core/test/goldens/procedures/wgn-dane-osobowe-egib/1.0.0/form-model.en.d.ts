declare const texts: readonly string[];
export default texts;
