/** @module The printed page's size and margins: `@page` rules work only in the document's own style sheets. */

/**
 * Sets the printed page for as long as a screen is shown (`@page { … }` in the document, not in a
 * shadow root); the function returned takes it away again.
 */
export function usePageRule(rule: string): () => void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`@page { ${rule} }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
