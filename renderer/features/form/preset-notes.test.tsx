// Preset notes and error explanations name the app's controls in "double quotes"; a control renamed
// in the UI must not leave a note pointing at a name nobody can find ("Leave out code_verifier" once
// did). Every quoted name must be a control's name as rendered, or one of the IdPs' own console terms
// listed here (a new IdP term goes in the list; a stale control name fails).
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { explainFlowError } from '../../../shared/error-explanations';
import type { FlowErrorKind } from '../../../shared/errors';
import { PRESETS } from '../../../shared/presets';
import { setApiForTests } from '../../api';
import { App } from '../../App';
import { useFlowsStore } from '../../store/flows-store';
import { appInfo, createFakeApi, snapshot } from '../../test/fake-api';
import { resetStores } from '../../test/reset-stores';

/** Names from IdP consoles and documents, not this app's controls. */
const IDP_TERMS = new Set([
  '/default',
  'Allow public client flows',
  'Allowed Callback URLs',
  'Authorized Redirect URIs',
  'Client authentication',
  'Desktop app',
  'Mobile and desktop applications',
  'Proof Key for Code Exchange Code Challenge Method',
  'Sign-in redirect URI',
  'Single-page application',
  'Standard flow',
  'Valid redirect URIs',
  'Web',
  'common',
  'disallowed_useragent',
  'organizations',
]);

const quoted = (text: string) => [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);

/** Every text in the app that names a control: labels, options, buttons, summaries, headings. */
function controlNames(): Set<string> {
  const names = new Set<string>();
  for (const el of document.querySelectorAll('label, option, button, summary, legend, h2, h3, h4, caption, .group-title')) {
    const text = el.textContent?.trim();
    if (text) names.add(text);
  }
  return names;
}

const ERROR_KINDS: FlowErrorKind[] = ['authorization_error', 'state_mismatch', 'connection_refused', 'dns', 'tls', 'timeout', 'network', 'response_too_large', 'non_json', 'oauth_error', 'http_status', 'invalid_token_response', 'launch_failed', 'cancelled', 'expired'];
const ERROR_TEXTS = ['AADSTS50148', 'AADSTS9002327', 'AADSTS9002326', 'AADSTS7000218', 'AADSTS7000215', 'AADSTS700025', 'AADSTS50011', 'AADSTS54005', 'redirect_uri', 'expired'];
const OAUTH_CODES = ['invalid_grant', 'invalid_client', 'invalid_request', 'unauthorized_client', 'invalid_scope', 'access_denied', 'redirect_uri_mismatch'];

/** Every explanation's text, whatever error brings it up. */
function explanationTexts(): string[] {
  const texts = new Set<string>();
  for (const kind of ERROR_KINDS) {
    for (const error of [undefined, ...OAUTH_CODES]) {
      for (const description of [undefined, ...ERROR_TEXTS]) {
        for (const codeVerifierSent of [true, false]) {
          const found = explainFlowError({ kind, message: 'm', ...(error ? { error } : {}), ...(description ? { errorDescription: description } : {}) }, { codeVerifierSent });
          for (const x of found) texts.add(`${x.title}\n${x.detail}\n${x.fix}`);
        }
      }
    }
  }
  return [...texts];
}

beforeEach(() => {
  resetStores(appInfo());
  setApiForTests(createFakeApi());
});
afterEach(() => setApiForTests(null));

describe('names of controls in notes and explanations', () => {
  it('every quoted name is a control of the app as rendered, or a listed IdP term', async () => {
    // A flow waiting for its redirect, so the status panel's controls are on screen too.
    useFlowsStore.getState().upsert(snapshot());
    render(<App />);
    const form = await screen.findByRole('form');
    await userEvent.setup({ delay: null }).click(within(form).getByText('Advanced'));
    const names = controlNames();
    expect(names).toContain("Don't send code_verifier (negative test)");

    const sources = [...PRESETS.flatMap((p) => [p.summary, ...p.notes].map((text) => ({ from: `preset ${p.id}`, text }))), ...explanationTexts().map((text) => ({ from: 'an error explanation', text }))];
    const unknown = sources.flatMap(({ from, text }) => quoted(text).filter((name) => !names.has(name) && !IDP_TERMS.has(name)).map((name) => `${from}: "${name}"`));
    expect(unknown).toEqual([]);
  });

  it('the list of IdP terms holds no control name and nothing unused', async () => {
    render(<App />);
    const form = await screen.findByRole('form');
    await userEvent.setup({ delay: null }).click(within(form).getByText('Advanced'));
    const names = controlNames();
    const used = new Set([...PRESETS.flatMap((p) => [p.summary, ...p.notes]), ...explanationTexts()].flatMap(quoted));
    for (const term of IDP_TERMS) {
      expect(names.has(term), term).toBe(false);
      expect(used.has(term), term).toBe(true);
    }
  });

  it('the demo preset names the negative test as the form does', () => {
    const demo = PRESETS.find((p) => p.id === 'demo-idp');
    expect(demo?.notes.join(' ')).toContain('"Don\'t send code_verifier (negative test)"');
  });
});
