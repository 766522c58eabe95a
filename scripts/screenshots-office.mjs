// The office console's screens for the README (docs/screenshots/office-*.png), taken by
// screenshots.mjs on the server it started: each role signs in through the development provider,
// the data the screens show is made through the API as the signed-in person (their session and
// CSRF token), and each screen is shot once its content is on it.
// Functions passed to page.evaluate run in the page:
/* global document, location */

const WAIT = { timeout: 30_000 };

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
        body.append('scan-1', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'skan-1.pdf');
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
}
