import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ResidentApplications } from '@ebok/schemas/api';
import '../packages/widgets/src/applications/ebok-applications.js';

export default { title: 'Applications', component: 'ebok-applications' } satisfies Meta;

const NOTICE = `Zawiadomienie o niezałatwieniu sprawy w terminie (art. 36 § 1 Kodeksu postępowania administracyjnego)

Znak sprawy: WSO.5340.12.2026
Przyczyna zwłoki: Potrzebna opinia biegłego.
Nowy termin załatwienia sprawy: 2027-03-01.`;

/** A fixed answer of `POST /v1/resident/applications`, as the office sends it: newest first. */
const SAMPLE: ResidentApplications = [
  {
    registryNumber: 'RPW/142/2026',
    procedure: { id: 'wgn-informacja-egib', version: '1.0.0' },
    receivedAt: '2026-12-04T09:12:00Z',
    department: 'WGN',
    status: 'registered',
    statusAt: '2026-12-04T09:12:00Z',
    notices: [],
  },
  {
    registryNumber: 'RPW/117/2026',
    procedure: { id: 'wso-dowod-osobisty', version: '1.0.0' },
    receivedAt: '2026-11-20T14:40:00Z',
    department: 'WSO',
    status: 'waiting-for-resident',
    statusAt: '2026-11-27T10:00:00Z',
    caseNumber: 'WSO.5340.11.2026',
    notices: [{ type: 'waiting-for-resident', at: '2026-11-27T10:00:00Z', reason: 'Proszę dołączyć pełnomocnictwo' }],
  },
  {
    registryNumber: 'RPW/98/2026',
    procedure: { id: 'usc-odpis-aktu', version: '1.0.0' },
    receivedAt: '2026-11-02T08:05:00Z',
    department: 'WSO',
    status: 'extended',
    statusAt: '2026-11-30T12:00:00Z',
    caseNumber: 'WSO.5340.12.2026',
    deadline: '2027-03-01',
    notices: [
      { type: 'forwarded', at: '2026-11-03T09:00:00Z', department: 'WSO' },
      {
        type: 'extended',
        at: '2026-11-30T12:00:00Z',
        until: '2027-03-01',
        reason: 'Potrzebna opinia biegłego',
        notice: NOTICE,
      },
    ],
  },
];

/**
 * A resident's applications and where each stands: registered; waiting for the resident, with
 * what the office needs; forwarded and extended, with its art. 36 notice. A fixed answer, not a
 * server (the endpoint is reserved for examples, so procedures are named by their ids).
 */
export const List: StoryObj = {
  render: () => html`<ebok-applications endpoint="https://intake.example" .applications=${SAMPLE}></ebok-applications>`,
};
