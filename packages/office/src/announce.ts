/** An announcement for the console's live region: a result or an error (bubbles out of every screen). */
export class AnnounceEvent extends Event {
  constructor(readonly text: string) {
    super('office-announce', { bubbles: true, composed: true });
  }
}
