/**
 * An HTTP client that signs in to the desk the way a browser does, without one: the app's sign-in
 * button, the provider's login form, every redirect followed by hand with the cookies each side set.
 * For tests that ask many routes as many users (the authorisation matrix).
 */
import { DEV_IDP_PASSWORD, type DevDesk } from '../../dev/desk.js';

export interface Answer {
  status: number;
  location: string | null;
  body: string;
}

export class SignedInClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly desk: DevDesk) {}

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string | string[]>): Promise<Answer> {
    const body = form ? new URLSearchParams(Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]]))).toString() : undefined;
    const response = await fetch(new URL(url, this.desk.url), {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body !== undefined ? { body } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, at).trim(), pair!.slice(at + 1).trim()];
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, location: response.headers.get('location'), body: await response.text() };
  }

  /** Follows redirects from an answer until a page (or a redirect off both servers). */
  async follow(answer: Answer, base: string): Promise<Answer & { url: string }> {
    let current = answer;
    let url = base;
    for (let hops = 0; current.location && hops < 15; hops++) {
      url = new URL(current.location, url).href;
      current = await this.request('GET', url);
    }
    return { ...current, url };
  }

  /** A fresh CSRF token from a page of the app (every page carries one in its forms). */
  async csrf(path = '/signed-out'): Promise<string> {
    const page = await this.request('GET', path);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${path} (status ${page.status})`);
    return token;
  }

  async signIn(staffId: string): Promise<this> {
    const start = await this.request('POST', '/login', { _csrf: await this.csrf('/login'), returnTo: '/' });
    const loginPage = await this.follow(start, this.desk.url);
    const action = /<form method="post" action="([^"]+)"/.exec(loginPage.body)?.[1];
    if (!action) throw new Error(`no login form at the provider (${loginPage.status} ${loginPage.url})`);
    const submitted = await this.request('POST', new URL(action, loginPage.url).href, { username: staffId, password: DEV_IDP_PASSWORD });
    const landed = await this.follow(submitted, loginPage.url);
    if (!landed.url.startsWith(this.desk.url) || landed.url.includes('/login')) throw new Error(`sign-in as ${staffId} ended at ${landed.url} (${landed.status})`);
    return this;
  }
}
