// The pages are found by label in end-to-end tests and read by people: labels must point at their
// fields, and anything echoed back must be escaped.
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { consentPage, errorPage, escapeHtml, loginPage } from './pages';

describe('demo IdP pages', () => {
  it('the login form has a label for each field and posts to its action', () => {
    const $ = load(loginPage({ action: '/interaction/abc/login', clientName: 'pkce-inspector-public' }));
    const form = $('form');
    expect(form.attr('method')).toBe('post');
    expect(form.attr('action')).toBe('/interaction/abc/login');
    for (const [label, type] of [['Username', 'text'], ['Password', 'password']] as const) {
      const forId = $('label').filter((_, l) => $(l).text() === label).attr('for');
      expect(forId).toBeTruthy();
      expect($(`#${forId}`).attr('type')).toBe(type);
      expect($(`#${forId}`).attr('name')).toBeTruthy();
    }
    expect($('button[type="submit"]').text()).toBe('Sign in');
    expect($('[role="alert"]')).toHaveLength(0);
  });

  it('after a failed attempt shows the error as an alert and keeps the (escaped) username', () => {
    const $ = load(loginPage({ action: '/x', clientName: 'c', login: '"><script>alert(1)</script>', error: 'Wrong username or password.' }));
    expect($('[role="alert"]').text()).toBe('Wrong username or password.');
    expect($('#login').attr('value')).toBe('"><script>alert(1)</script>');
    expect($('script')).toHaveLength(0);
  });

  it('the consent page lists what is asked and offers Allow and Deny as separate forms', () => {
    const $ = load(
      consentPage({
        confirmAction: '/interaction/abc/confirm',
        denyAction: '/interaction/abc/abort',
        clientName: 'my <client>',
        accountLabel: 'demo',
        scopes: ['openid', 'email'],
        claims: ['name'],
        resourceScopes: [['urn:api', ['api:read']]],
        redirectUri: 'http://127.0.0.1:5000/callback',
        offlineAccess: true,
      }),
    );
    expect($('h1').text()).toBe('Authorize my <client>');
    expect($('li').map((_, li) => $(li).text()).get()).toEqual(['scope openid', 'scope email', 'claim name', 'at urn:api: api:read']);
    expect($('body').text()).toContain('offline access');
    expect($('body').text()).toContain('http://127.0.0.1:5000/callback');
    const buttons = $('form').map((_, f) => ({ action: $(f).attr('action'), label: $(f).find('button').text() })).get();
    expect(buttons).toEqual([
      { action: '/interaction/abc/confirm', label: 'Allow' },
      { action: '/interaction/abc/abort', label: 'Deny' },
    ]);
  });

  it('escapes error text', () => {
    expect(errorPage('<b>', '<img src=x onerror=alert(1)>')).not.toContain('<img');
    expect(escapeHtml(`&<>"'`)).toBe('&#38;&#60;&#62;&#34;&#39;');
  });
});
