/** @module Modal dialogs of the console: native `<dialog>` (focus kept inside, Escape closes), focus given back. */

/** The element that has focus, looked for inside shadow roots too. */
export function focusedElement(): HTMLElement | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el as HTMLElement | null;
}

/** For each dialog, where focus goes back to when it closes (set at each opening). */
const giveBack = new WeakMap<HTMLDialogElement, () => void>();

/**
 * Opens `dialog` as a modal with its form empty, focuses its first field, and when it closes (a
 * button, Escape) gives focus back to what had it, or to `fallback` when that is gone.
 */
export function openDialog(dialog: HTMLDialogElement, fallback: () => HTMLElement | null | undefined): void {
  const back = focusedElement();
  dialog.querySelector('form')?.reset();
  if (!giveBack.has(dialog))
    // The close event comes a moment after closing: the dialog may be open again by then.
    dialog.addEventListener('close', () => !dialog.open && giveBack.get(dialog)?.());
  giveBack.set(dialog, () => (back?.isConnected ? back : fallback())?.focus());
  dialog.showModal();
  dialog
    .querySelector<HTMLElement>('ebok-text-field, ebok-select, ebok-textarea, ebok-date-field, ebok-checkbox')
    ?.focus();
}

/** The values of a dialog's form once each of its fields is valid; else undefined (the first invalid one shows why). */
export function formValues(form: HTMLFormElement): Record<string, string> | undefined {
  if (!form.reportValidity()) return undefined;
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value;
  return values;
}
