/** @module The console's names for the API's codes: statuses, events, deadline states, roles. */
import { msg, str } from '@lit/localize';
import type { Case, RegisterEntry } from '@ebok/schemas/api';

export type CaseStatus = Case['status'];
export type CaseEventType = Case['events'][number]['type'];
export type ItemStatus = NonNullable<RegisterEntry['status']>;

export function itemStatusText(status: ItemStatus | undefined): string {
  switch (status) {
    case 'registered':
      return msg('zarejestrowane', { id: 'office.status.registered' });
    case 'assigned':
      return msg('przydzielone', { id: 'office.status.assigned' });
    case 'forwarded':
      return msg('przekazane', { id: 'office.status.forwarded' });
    case 'accepted':
      return msg('przyjęte', { id: 'office.status.accepted' });
    case 'case-opened':
      return msg('sprawa założona', { id: 'office.status.case-opened' });
    case undefined:
      return '';
    default:
      return caseStatusText(status);
  }
}

export function caseStatusText(status: CaseStatus): string {
  switch (status) {
    case 'open':
      return msg('w toku', { id: 'office.case.open' });
    case 'suspended':
      return msg('zawieszona', { id: 'office.case.suspended' });
    case 'extended':
      return msg('termin przedłużony', { id: 'office.case.extended' });
    case 'waiting-for-resident':
      return msg('czeka na mieszkańca', { id: 'office.case.waiting' });
    case 'decided':
      return msg('rozstrzygnięta', { id: 'office.case.decided' });
    case 'closed':
      return msg('zakończona', { id: 'office.case.closed' });
  }
}

export function deadlineStateText(state: Case['state']): string {
  switch (state) {
    case 'in-time':
      return msg('w terminie', { id: 'office.state.in-time' });
    case 'due-soon':
      return msg('termin się zbliża', { id: 'office.state.due-soon' });
    case 'overdue':
      return msg('po terminie', { id: 'office.state.overdue' });
    case 'settled':
      return msg('załatwiona', { id: 'office.state.settled' });
  }
}

export function eventText(type: CaseEventType): string {
  switch (type) {
    case 'suspended':
      return msg('Zawieszenie', { id: 'office.event.suspended' });
    case 'resumed':
      return msg('Podjęcie', { id: 'office.event.resumed' });
    case 'extended':
      return msg('Przedłużenie terminu', { id: 'office.event.extended' });
    case 'waiting-for-resident':
      return msg('Oczekiwanie na mieszkańca', { id: 'office.event.waiting' });
    case 'decided':
      return msg('Rozstrzygnięcie', { id: 'office.event.decided' });
    case 'closed':
      return msg('Zakończenie', { id: 'office.event.closed' });
  }
}

export function roleText(role: string): string {
  const [kind, department] = role.split(':');
  switch (kind) {
    case 'desk':
      return msg('punkt obsługi', { id: 'office.role.desk' });
    case 'chancellery':
      return msg('kancelaria', { id: 'office.role.chancellery' });
    case 'admin':
      return msg('administrator', { id: 'office.role.admin' });
    case 'officer':
      return msg(str`urzędnik ${department}`, { id: 'office.role.officer' });
    case 'head':
      return msg(str`kierownik ${department}`, { id: 'office.role.head' });
    default:
      return role;
  }
}

export function accessLevelText(level: string): string {
  switch (level) {
    case 'public':
      return msg('jawne', { id: 'office.access.public' });
    case 'public-in-part':
      return msg('częściowo jawne', { id: 'office.access.public-in-part' });
    default:
      return msg('niejawne (nie do publikacji)', { id: 'office.access.not-public' });
  }
}

export function deliveryMethodText(method: string): string {
  switch (method) {
    case 'post':
      return msg('poczta', { id: 'office.delivery.post' });
    case 'in-person':
      return msg('osobiście', { id: 'office.delivery.in-person' });
    case 'courier':
      return msg('kurier', { id: 'office.delivery.courier' });
    case 'e-delivery':
      return msg('e-Doręczenia', { id: 'office.delivery.e-delivery' });
    case 'epuap':
      return msg('ePUAP', { id: 'office.delivery.epuap' });
    default:
      return msg('inny', { id: 'office.delivery.other' });
  }
}

/** A register entry's channel: the web, or a chancellery by its id. */
export function channelText(channel: string): string {
  if (channel === 'web') return msg('internet', { id: 'office.channel.web' });
  const id = channel.replace(/^chancellery:/, '');
  return msg(str`Kancelaria ${id}`, { id: 'office.chancellery.name' });
}

/** A sender's name: an institution's or a person's, as the entry keeps it. */
export function senderName(sender: unknown): string {
  if (!sender || typeof sender !== 'object') return '';
  const s = sender as Record<string, unknown>;
  if (typeof s['name'] === 'string') return s['name'];
  return [s['givenNames'], s['surname']].filter((p): p is string => typeof p === 'string').join(' ');
}

/** What went wrong, for a person: the API's own words, or that the server could not be reached. */
export function errorText(error: unknown): string {
  const e = error as { status?: number; message?: string };
  if (e.status === 0 || !e.message)
    return msg('Brak połączenia z serwerem. Spróbuj ponownie.', { id: 'office.error.network' });
  return e.message;
}
