import { describe, expect, it } from 'vitest';
import { AUTH_WINDOW_TITLE, authWindowTitle, refusedCallbackPage } from './auth-window-text';

describe('authWindowTitle', () => {
  it('names the window and the host it shows', () => {
    expect(authWindowTitle('https://login.example.com/authorize?x=1')).toBe(`${AUTH_WINDOW_TITLE} — login.example.com`);
    expect(authWindowTitle('http://127.0.0.1:9090/interaction/abc')).toBe(`${AUTH_WINDOW_TITLE} — http://127.0.0.1:9090`);
    expect(authWindowTitle('data:text/html,x')).toBe(AUTH_WINDOW_TITLE);
  });
});

describe('refusedCallbackPage', () => {
  it('explains the refusal in a script-free page with the reason escaped', () => {
    const url = refusedCallbackPage('state <script>alert(1)</script> matches no flow');
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    const html = decodeURIComponent(url.slice(url.indexOf(',') + 1));
    expect(html).toContain("default-src 'none'");
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)');
  });
});
