// The office console's screens for the README (docs/screenshots/office-*.png), taken by
// screenshots.mjs on the server it started: each role signs in through the development provider,
// the data the screens show is made through the API as the signed-in person (their session and
// CSRF token), and each screen is shot once its content is on it.
// Functions passed to page.evaluate run in the page:
/* global document, location */

const WAIT = { timeout: 30_000 };

/** A one-page PDF with a line of text: a scan as the chancellery would upload it. */
function scanPdf(text) {
  const stream = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) pdf += `${String(at).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return pdf;
}

/** A fresh browser context signed in as `login` (any password), on the console's home page. */
async function signedIn(browser, url, login) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  await page.goto(`${url}/office/sign-in?return=${encodeURIComponent('/office/')}`, { waitUntil: 'load' });
  await page.waitForSelector('input[name="login"]', WAIT);
  await page.type('input[name="login"]', login);
  await page.type('input[name="password"]', 'any');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => location.pathname.startsWith('/office/') && document.querySelector('ebok-office'),
    WAIT,
  );
  return page;
}

/** A call to the API in the page, as the person signed in there: JSON in, JSON out. */
function call(page, path, init = {}) {
  return page.evaluate(
    async (path, init) => {
      const session = await (await fetch('/v1/session')).json();
      const headers = { 'x-csrf-token': session.csrfToken };
      let body;
      if (init.form) {
        body = new FormData();
        body.append('metadata', JSON.stringify(init.form));
        body.append('scan-1', new Blob([init.scan], { type: 'application/pdf' }), 'skan-1.pdf');
      } else if (init.json) {
        body = JSON.stringify(init.json);
        headers['content-type'] = 'application/json';
      }
      const res = await fetch(path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    path,
    init,
  );
}

/** Waits until the screen in the shell's <main> shows `selector`. */
async function screenShows(page, screen, selector) {
  const handle = await page.waitForFunction(
    (screen, selector) =>
      document.querySelector('ebok-office')?.shadowRoot?.querySelector(screen)?.shadowRoot?.querySelector(selector),
    WAIT,
    screen,
    selector,
  );
  await handle.dispose();
}

/** Fills an ebok control in a screen's shadow root as typing would, and lets it know. */
function fill(page, screen, values) {
  return page.evaluate(
    (screen, values) => {
      const root = document.querySelector('ebok-office').shadowRoot.querySelector(screen).shadowRoot;
      for (const [id, value] of Object.entries(values)) {
        const control = root.querySelector(`#${id}`);
        control.value = value;
        control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      }
    },
    screen,
    values,
  );
}

/** Clicks the submit button of a screen's form. */
function submit(page, screen) {
  return page.evaluate((screen) => {
    document
      .querySelector('ebok-office')
      .shadowRoot.querySelector(screen)
      .shadowRoot.querySelector('form button[type=submit]')
      .click();
  }, screen);
}

/** Goes to a page of the console and waits for its screen to show `selector`. */
async function open(page, url, path, screen, selector) {
  await page.goto(`${url}${path}`, { waitUntil: 'networkidle0' });
  await screenShows(page, screen, selector);
}

/**
 * Shoots the console's screens. `shoot(page, name)` saves the page as docs/screenshots/<name>.png.
 */
export async function officeScreenshots(browser, url, shoot) {
  const letters = [
    ['Zofia Wiśniewska', 'Wniosek o wznowienie znaków granicznych działki 12/3', 'WGN'],
    ['Jan Nowak', 'Wniosek o wypis z rejestru gruntów', 'WGN'],
    ['Spółdzielnia Mieszkaniowa „Jaroty”', 'Pismo w sprawie numeracji budynków przy ul. Witosa', 'WGN'],
  ];
  const chancellery = await signedIn(browser, url, 'chancellery');
  const numbers = [];
  for (const [sender, subject, department] of letters) {
    const { registryNumber } = await call(chancellery, '/v1/chancelleries/k1/documents', {
      form: { sender, subject, department, senderAddress: { town: 'Olsztyn', country: 'PL' } },
      scan: scanPdf(`${sender}: ${subject}`.normalize('NFD').replace(/[^\x20-\x7e]/g, '')),
    });
    numbers.push(registryNumber);
  }
  await open(chancellery, url, '/office/chancellery/new', 'ebok-office-chancellery', 'form');
  await shoot(chancellery, 'office-chancellery-new');
  await open(chancellery, url, '/office/register', 'ebok-office-register', 'tbody tr');
  await shoot(chancellery, 'office-register');
  await open(
    chancellery,
    url,
    `/office/chancellery/labels/${encodeURIComponent(numbers[0])}`,
    'ebok-office-label',
    '.number',
  );
  await shoot(chancellery, 'office-label');

  const officer = await signedIn(browser, url, 'officer-wgn');
  await open(officer, url, '/office/departments/WGN/inbox', 'ebok-office-inbox', 'tbody tr');
  await shoot(officer, 'office-inbox');
  const opened = await call(officer, '/v1/cases', {
    json: { registryNumber: numbers[0], jrwa: '6620', title: 'Wznowienie znaków granicznych działki 12/3' },
  });
  await open(officer, url, `/office/cases/${encodeURIComponent(opened.caseNumber)}`, 'ebok-office-case', 'h1');
  await shoot(officer, 'office-case');
  await open(
    officer,
    url,
    `/office/departments/WGN/items/${encodeURIComponent(numbers[1])}`,
    'ebok-office-item',
    '.attachments, section',
  );
  await shoot(officer, 'office-item');

  // The desk: an activation code and its protocol, then the person found.
  const desk = await signedIn(browser, url, 'desk');
  await open(desk, url, '/office/desk/enrol', 'ebok-office-enrol', 'form');
  await fill(desk, 'ebok-office-enrol', {
    givenNames: 'Anna Maria',
    surname: 'Kowalska',
    pesel: '44051401359',
    documentNumber: 'ABA 300000',
  });
  await submit(desk, 'ebok-office-enrol');
  await screenShows(desk, 'ebok-office-enrol', 'ebok-office-protocol');
  await shoot(desk, 'office-desk-protocol');
  await open(desk, url, '/office/desk', 'ebok-office-desk', 'form');
  await fill(desk, 'ebok-office-desk', { q: 'Kowalska' });
  await submit(desk, 'ebok-office-desk');
  await screenShows(desk, 'ebok-office-desk', 'table');
  await shoot(desk, 'office-desk');

  // The head of the department: the overview, with its figures beside the charts.
  const head = await signedIn(browser, url, 'head-wgn');
  await open(head, url, '/office/departments/WGN/overview', 'ebok-office-overview', 'svg');
  await shoot(head, 'office-overview');

  // The administrator: the audit log.
  const admin = await signedIn(browser, url, 'admin');
  await open(admin, url, '/office/admin/audit', 'ebok-office-admin', 'h1');
  await shoot(admin, 'office-admin');
}
