import type { Page } from 'puppeteer-core';

/** Enrols a person at the desk and returns the activation code. */
export async function enrolAtTheDesk(
  page: Page,
  person: { givenNames: string; surname: string; pesel: string },
): Promise<string> {
  return page.evaluate(async (person) => {
    const session = await (await fetch('/v1/session')).json();
    const res = await fetch('/v1/enrolments', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify(person),
    });
    return (await res.json()).activationCode as string;
  }, person);
}
