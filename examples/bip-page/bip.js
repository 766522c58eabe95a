// The example BIP page's own script (a file, not inline: the page runs under script-src 'self').
// It lists the procedures from the intake API and shows the chosen one with <ebok-form>.
const params = new URLSearchParams(location.search);
const lang = ['pl', 'en', 'uk'].includes(params.get('lang') ?? '') ? params.get('lang') : 'pl';
document.documentElement.lang = lang;

const texts = {
  pl: {
    heading: 'Sprawy przez internet',
    procedures: 'Wnioski',
    certificate: 'Twój certyfikat',
    applications: 'Moje wnioski',
    back: '← Wszystkie wnioski',
    failed: 'Nie udało się wczytać listy wniosków.',
    fee: 'opłata',
  },
  en: {
    heading: 'Online services',
    procedures: 'Applications',
    certificate: 'Your certificate',
    applications: 'My applications',
    back: '← All applications',
    failed: 'The list of applications could not be loaded.',
    fee: 'fee',
  },
  uk: {
    heading: 'Послуги онлайн',
    procedures: 'Заяви',
    certificate: 'Ваш сертифікат',
    applications: 'Мої заяви',
    back: '← Усі заяви',
    failed: 'Не вдалося завантажити список заяв.',
    fee: 'збір',
  },
}[lang];

document.getElementById('heading').textContent = texts.heading;
document.getElementById('procedures-heading').textContent = texts.procedures;
document.getElementById('certificate-heading').textContent = texts.certificate;
document.getElementById('applications-heading').textContent = texts.applications;
document.getElementById('back-to-list').textContent = texts.back;
for (const a of document.querySelectorAll('.langs a')) {
  const url = new URL(location.href);
  url.searchParams.set('lang', a.dataset.lang);
  a.href = url.search;
  if (a.dataset.lang === lang) a.setAttribute('aria-current', 'true');
}

const chosen = params.get('procedure');
const list = document.getElementById('procedures');
if (chosen) {
  document.getElementById('procedures-section').hidden = true;
  document.getElementById('intro').hidden = true;
  document.getElementById('form-section').hidden = false;
  document.getElementById('form').setAttribute('procedure', chosen);
  // A page that describes the procedure itself starts the form at its first step (?start=first-step).
  if (params.get('start') === 'first-step') document.getElementById('form').setAttribute('start', 'first-step');
  // The receipt links to the resident's applications, on the list page.
  document.getElementById('form').setAttribute('applications-url', `./?lang=${lang}#applications-heading`);
  document.getElementById('applications-section').remove();
  document.getElementById('back-to-list').href = `?lang=${lang}`;
}

// The list is hidden while a form is shown: fetched only when it is on screen.
if (!chosen) await showProcedures();

async function showProcedures() {
  try {
    const response = await fetch('/v1/procedures', { headers: { 'accept-language': lang } });
    const procedures = await response.json();
    list.replaceChildren(
      ...procedures.map((p) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = `?procedure=${encodeURIComponent(p.id)}&lang=${lang}`;
        a.textContent = p.title[lang] ?? p.title.pl;
        const summary = document.createElement('p');
        summary.textContent = p.summary[lang] ?? p.summary.pl;
        li.append(a, summary);
        return li;
      }),
    );
  } catch {
    list.replaceChildren(Object.assign(document.createElement('li'), { textContent: texts.failed }));
  }
}
