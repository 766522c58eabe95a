import { css, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { DepartmentOverview } from '@ebok/schemas/api';
import { EbokElement } from '@ebok/widgets/shared';
import { api } from './api.js';
import { consoleStyles } from './styles.js';
import { errorText } from './texts.js';

type Bucket = DepartmentOverview['openCases'][number]['bucket'];

function bucketText(bucket: Bucket): string {
  switch (bucket) {
    case 'overdue':
      return msg('Po terminie', { id: 'office.overview.overdue' });
    case 'due-3':
      return msg('Do 3 dni', { id: 'office.overview.due-3' });
    case 'due-7':
      return msg('Do 7 dni', { id: 'office.overview.due-7' });
    case 'due-14':
      return msg('Do 14 dni', { id: 'office.overview.due-14' });
    case 'later':
      return msg('Później', { id: 'office.overview.later' });
    case 'suspended':
      return msg('Wstrzymane', { id: 'office.overview.suspended' });
  }
}

interface Bar {
  readonly label: string;
  readonly short: string;
  readonly count: number;
}

const WIDTH = 640;
const HEIGHT = 200;
const AXIS = 24;
const TOP = 16;

/** Bars drawn from the figures the table beside them shows: one bar a row, its height the row's count. */
function barChart(bars: readonly Bar[], name: string, every = 1): TemplateResult {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const step = WIDTH / bars.length;
  const width = Math.max(2, step * 0.7);
  const scale = (HEIGHT - AXIS - TOP) / max;
  return html`<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${name} class="chart">
    <title>${name}</title>
    <line x1="0" x2=${WIDTH} y1=${HEIGHT - AXIS} y2=${HEIGHT - AXIS} stroke="#1b1b1b" stroke-width="1"></line>
    ${bars.map((b, i) => {
      const h = b.count * scale;
      const x = i * step + (step - width) / 2;
      return svg`<rect class="bar" data-count=${b.count} x=${x} y=${HEIGHT - AXIS - h} width=${width} height=${h} fill="#0b3d91"></rect>
        ${b.count > 0 && bars.length <= 12 ? svg`<text x=${x + width / 2} y=${HEIGHT - AXIS - h - 4} text-anchor="middle" font-size="12" fill="#1b1b1b">${b.count}</text>` : nothing}
        ${i % every === 0 ? svg`<text x=${x + width / 2} y=${HEIGHT - 8} text-anchor="middle" font-size="11" fill="#1b1b1b">${b.short}</text>` : nothing}`;
    })}
  </svg>`;
}

/** The table beside a chart, with the same figures. */
function figures(bars: readonly Bar[], caption: string, head: string): TemplateResult {
  return html`<table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${head}</th>
        <th scope="col">${msg('Liczba', { id: 'office.overview.count' })}</th>
      </tr>
    </thead>
    <tbody>
      ${bars.map(
        (b) =>
          html`<tr>
            <th scope="row">${b.label}</th>
            <td class="number">${b.count}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/**
 * A department at a glance for its head: items received per day and unsettled cases by how close
 * their deadline is, each as a small bar chart with its figures in a table beside it.
 *
 * @tagname ebok-office-overview
 */
export class EbokOfficeOverview extends EbokElement {
  static override styles = [
    consoleStyles,
    css`
      .pair {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem 2rem;
        align-items: flex-start;
      }
      .chart {
        inline-size: min(100%, 40rem);
        block-size: auto;
      }
      .days {
        max-block-size: 20rem;
        overflow: auto;
      }
    `,
  ];
  static override properties = { department: {}, overview: { state: true }, error: { state: true } };

  declare department: string;
  declare overview: DepartmentOverview | undefined;
  declare error: string;

  constructor() {
    super();
    this.department = '';
    this.overview = undefined;
    this.error = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('department') && this.department) void this.#load();
  }

  async #load(): Promise<void> {
    try {
      this.overview = await api<DepartmentOverview>(`/v1/departments/${this.department}/overview?days=30`);
    } catch (e) {
      this.error = errorText(e);
    }
  }

  protected override render(): TemplateResult {
    const o = this.overview;
    return html`
      <h1 tabindex="-1">${msg(str`Przegląd — ${this.department}`, { id: 'office.title.overview' })}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${o ? this.#renderCharts(o) : html`<p>${msg('Wczytywanie…', { id: 'office.loading' })}</p>`}
    `;
  }

  #renderCharts(o: DepartmentOverview): TemplateResult {
    const days: Bar[] = o.received.map((r) => ({ label: r.day, short: r.day.slice(8), count: r.count }));
    const buckets: Bar[] = o.openCases.map((b) => ({
      label: bucketText(b.bucket),
      short: bucketText(b.bucket),
      count: b.count,
    }));
    const received = msg(str`Pisma przyjęte w ostatnich ${days.length} dniach, dzień po dniu`, {
      id: 'office.overview.received',
    });
    const open = msg('Sprawy w toku według terminu', { id: 'office.overview.open' });
    return html`
      <section id="received" aria-labelledby="received-title">
        <h2 id="received-title">${received}</h2>
        <div class="pair">
          ${barChart(days, received, 5)}
          <div class="days" tabindex="0" role="region" aria-labelledby="received-title">
            ${figures(days, received, msg('Dzień', { id: 'office.overview.day' }))}
          </div>
        </div>
      </section>
      <section id="open" aria-labelledby="open-title">
        <h2 id="open-title">${open}</h2>
        <div class="pair">
          ${barChart(buckets, open)} ${figures(buckets, open, msg('Termin', { id: 'office.officers.deadline' }))}
        </div>
      </section>
    `;
  }
}

customElements.define('ebok-office-overview', EbokOfficeOverview);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-overview': EbokOfficeOverview;
  }
}
