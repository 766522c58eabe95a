import { expect } from '@open-wc/testing';
import { procedureModules, procedureTags } from '../generated/elements/index.js';
import type { ProcedureForm } from './procedure-form.js';
import { until } from '../../test/helpers.js';

// A page of its own: the receipt's code has not been loaded by another test.
describe('a view whose code comes later', () => {
  it('renders a receipt shown before its code arrived, and then gives it the focus', async () => {
    await procedureModules['wso-dowod-osobisty']!();
    const el = document.createElement(procedureTags['wso-dowod-osobisty']!) as ProcedureForm;
    el.setAttribute('endpoint', 'http://127.0.0.1:9/later');
    document.body.append(el);
    try {
      await el.updateComplete;
      el.showReceipt({
        registryNumber: 'RPW/18/2026',
        receivedAt: '2026-03-02T09:30:00Z',
        procedure: { id: 'wso-dowod-osobisty', version: '1.0.0' },
        department: 'WSO',
        documentSha256: 'cd'.repeat(32),
        receipt: { document: '{"registryNumber":"RPW/18/2026"}', signature: btoa('not a real signature') },
      });
      await el.updateComplete;
      // Not in yet: the page shows nothing of the receipt rather than half of it.
      expect(el.shadowRoot!.querySelector('.panel')).to.equal(null);
      await until(() => el.shadowRoot!.querySelector('.panel'), 'the receipt');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.number')?.textContent).to.equal('RPW/18/2026');
      const panel = el.shadowRoot!.querySelector('.panel');
      expect(el.shadowRoot!.activeElement === panel, 'the receipt has the focus').to.equal(true);
    } finally {
      el.remove();
    }
  });
});
