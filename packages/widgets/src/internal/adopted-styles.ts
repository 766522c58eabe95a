const sheets = new Map<string, CSSStyleSheet>();

/**
 * Rules that come with a view loaded later (the receipt, signing with a file), adopted by the
 * shadow root it renders in, once: the code before signing does not carry them. Constructed
 * style sheets, like Lit's own, so a page's Content-Security-Policy needs no inline styles.
 */
export function adoptStyles(root: Node, css: string): void {
  if (!(root instanceof ShadowRoot)) return;
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
