import { expect } from '@open-wc/testing';
import type { Lang } from '@ebok/forms-core/runtime/base';
import { formatPln, useLang } from './localization.js';

describe('formatPln', () => {
  after(() => useLang('pl'));

  it('writes an amount in złoty exactly as the browser’s Intl does, in every language', async () => {
    const amounts = [0, 0.5, 1, 5, 17, 22.5, 33.99, 98, 100, 256, 999.99, 1000, 1234, 9999.99, 10_000, 12_345.67];
    amounts.push(100_000, 999_999.5, 1_000_000, 12_345_678.9);
    for (const lang of ['pl', 'en', 'uk'] as const satisfies readonly Lang[]) {
      await useLang(lang);
      const intl = new Intl.NumberFormat(lang, { style: 'currency', currency: 'PLN' });
      for (const amount of amounts) expect(formatPln(amount), `${lang} ${amount}`).to.equal(intl.format(amount));
    }
  });

  it('uses no-break spaces where Intl does', async () => {
    await useLang('pl');
    expect(formatPln(17)).to.equal('17,00\u00a0zł');
    expect(formatPln(12_345.6)).to.equal('12\u00a0345,60\u00a0zł');
    await useLang('en');
    expect(formatPln(1234)).to.equal('PLN\u00a01,234.00');
  });
});
