// For tests: walks an IdP's own login and consent pages over plain HTTP, as a browser would (cookies,
// redirects followed by hand, forms read from the HTML), and returns the redirect back to the client
// WITHOUT requesting it, so the test decides where it goes (a loopback listener, the flow router...).
// Forms are found by what they are (a password field; Allow/Deny buttons), not by field names.
import { load, type CheerioAPI } from 'cheerio';
import type { Cheerio } from 'cheerio';
import type { Element } from 'domhandler';
import { CookieJar } from 'tough-cookie';

export interface HttpLoginOptions {
  login?: string;
  password?: string;
  /** 'deny' presses Deny (or Cancel) on the consent page: the redirect then carries error=access_denied. */
  consent?: 'allow' | 'deny';
  /** Share one between calls to keep the IdP session (single sign-on on the second flow). */
  cookieJar?: CookieJar;
  /** True for the redirect that ends the walk. Default: any Location outside the IdP's origin. */
  isFinalRedirect?: (url: string) => boolean;
  /** Headers sent with every request (e.g. a user agent). */
  headers?: Record<string, string>;
  maxSteps?: number;
}

export class HttpLoginError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly pageText?: string,
  ) {
    super(message);
    this.name = 'HttpLoginError';
  }
}

interface PageRequest {
  url: string;
  method: 'GET' | 'POST';
  body?: URLSearchParams;
}

const ALLOW_LABEL = /^(allow|accept|continue|authori[sz]e|yes|consent)\b/i;
const DENY_LABEL = /^(deny|cancel|abort|reject|no)\b|\[\s*cancel\s*\]/i;

/** Logs in and consents through the IdP's pages; resolves with the final redirect URL (code or error). */
export async function loginOverHttp(authorizationUrl: string, options: HttpLoginOptions = {}): Promise<string> {
  const idpOrigin = new URL(authorizationUrl).origin;
  const isFinal = options.isFinalRedirect ?? ((url: string) => new URL(url).origin !== idpOrigin);
  const jar = options.cookieJar ?? new CookieJar();
  const maxSteps = options.maxSteps ?? 20;
  let loginAttempts = 0;
  let next: PageRequest = { url: authorizationUrl, method: 'GET' };

  for (let step = 0; step < maxSteps; step += 1) {
    const response = await send(next, jar, options.headers);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const target = new URL(location, next.url).href;
      if (isFinal(target)) return target;
      next = { url: target, method: 'GET' };
      continue;
    }
    const html = await response.text();
    const $ = load(html);
    const pageText = ($('body').text() || html).replace(/\s+/g, ' ').trim();
    const alert = $('[role="alert"], .error, .alert').first().text().trim();

    const loginForm = $('form').filter((_, form) => $(form).find('input[type="password"]').length > 0).first();
    if (loginForm.length > 0) {
      if (loginAttempts > 0) throw new HttpLoginError(`Login refused${alert ? `: ${alert}` : ''}`, response.status, pageText);
      loginAttempts += 1;
      next = submitLogin($, loginForm, next.url, options.login ?? 'demo', options.password ?? 'demo');
      continue;
    }
    const consent = options.consent ?? 'allow';
    const choice = findConsentChoice($, next.url, consent === 'allow' ? ALLOW_LABEL : DENY_LABEL);
    if (choice) {
      next = choice;
      continue;
    }
    throw new HttpLoginError(
      `No login or consent form at ${next.url} (HTTP ${response.status})${alert ? `: ${alert}` : pageText ? `: ${pageText.slice(0, 300)}` : ''}`,
      response.status,
      pageText,
    );
  }
  throw new HttpLoginError(`No redirect back to the client after ${maxSteps} steps.`);
}

async function send(request: PageRequest, jar: CookieJar, extraHeaders: Record<string, string> = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'text/html', ...extraHeaders };
  const cookie = await jar.getCookieString(request.url);
  if (cookie) headers.cookie = cookie;
  if (request.body) headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(request.url, { method: request.method, headers, body: request.body?.toString(), redirect: 'manual' });
  for (const setCookie of response.headers.getSetCookie()) await jar.setCookie(setCookie, request.url, { ignoreError: true });
  return response;
}

/** The form's own fields (hidden ones included), the username and password filled in. */
function submitLogin($: CheerioAPI, form: Cheerio<Element>, pageUrl: string, login: string, password: string): PageRequest {
  const fields = formFields($, form);
  const passwordName = form.find('input[type="password"]').first().attr('name');
  const usernameInput = form.find('input[autocomplete="username"]').first();
  const loginName = (usernameInput.length > 0 ? usernameInput : form.find('input:not([type]), input[type="text"], input[type="email"]').first()).attr('name');
  if (!passwordName || !loginName) throw new HttpLoginError('The login form has no named username and password fields.');
  fields.set(loginName, login);
  fields.set(passwordName, password);
  // A browser sends the pressed submit button's name=value too; some login pages route on it.
  const submit = form.find('button:not([type]), button[type="submit"], input[type="submit"]').first();
  const submitName = submit.attr('name');
  if (submitName) fields.append(submitName, submit.attr('value') ?? '');
  return formRequest(form, pageUrl, fields);
}

/** A form whose submit button, or a link, is labelled like the wanted choice. */
function findConsentChoice($: CheerioAPI, pageUrl: string, label: RegExp): PageRequest | undefined {
  for (const element of $('form').toArray()) {
    const form = $(element);
    const button = form
      .find('button, input[type="submit"]')
      .toArray()
      .map((b) => $(b))
      .find((b) => label.test((b.is('input') ? (b.attr('value') ?? '') : b.text()).trim()));
    if (!button) continue;
    const fields = formFields($, form);
    const name = button.attr('name');
    if (name) fields.append(name, button.attr('value') ?? '');
    return formRequest(form, pageUrl, fields);
  }
  const link = $('a[href]')
    .toArray()
    .map((a) => $(a))
    .find((a) => label.test(a.text().trim()));
  return link ? { url: new URL(link.attr('href') ?? '', pageUrl).href, method: 'GET' } : undefined;
}

/** What a browser would submit: named inputs, checked boxes only, no buttons. */
function formFields($: CheerioAPI, form: Cheerio<Element>): URLSearchParams {
  const fields = new URLSearchParams();
  for (const element of form.find('input[name]').toArray()) {
    const input = $(element);
    const type = (input.attr('type') ?? 'text').toLowerCase();
    if (['submit', 'button', 'image', 'file', 'reset'].includes(type)) continue;
    if ((type === 'checkbox' || type === 'radio') && input.attr('checked') === undefined) continue;
    fields.append(input.attr('name') ?? '', input.attr('value') ?? (type === 'checkbox' ? 'on' : ''));
  }
  return fields;
}

function formRequest(form: Cheerio<Element>, pageUrl: string, fields: URLSearchParams): PageRequest {
  // A form without an action submits to its own page, as in a browser.
  const url = new URL(form.attr('action') ?? '', pageUrl).href;
  if ((form.attr('method') ?? 'get').toLowerCase() === 'post') return { url, method: 'POST', body: fields };
  const target = new URL(url);
  target.search = fields.toString();
  return { url: target.href, method: 'GET' };
}
