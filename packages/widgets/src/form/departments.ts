import { msg } from '@lit/localize';

/** A department's name for residents, by its code; an unknown code is shown as it is. */
export function departmentName(code: string): string {
  switch (code) {
    case 'USC':
      return msg('Urząd Stanu Cywilnego', { id: 'department.USC' });
    case 'WAP':
      return msg('Wydział Architektury i Planowania Przestrzennego', { id: 'department.WAP' });
    case 'WGN':
      return msg('Wydział Geodezji i Gospodarki Nieruchomościami', { id: 'department.WGN' });
    case 'WK':
      return msg('Wydział Komunikacji', { id: 'department.WK' });
    case 'WSL':
      return msg('Wydział Spraw Lokalowych', { id: 'department.WSL' });
    case 'WSO':
      return msg('Wydział Spraw Obywatelskich', { id: 'department.WSO' });
    default:
      return code;
  }
}
