import { describe, expect, it } from 'vitest';
import { DEFAULT_LOOPBACK_CALLBACK, DEFAULT_SCHEME_CALLBACK } from '../../../shared/app-identity';
import { callbackAfterModeSwitch, defaultCallbackFor } from './callback-for-mode';
import { chooseClientSecret } from './client-secret-choice';
import { firstErrorField, issuesByField } from './field-issues';
import { flowSteps } from '../flow/flow-steps';

describe('callbackAfterModeSwitch', () => {
  it('replaces only what the app suggested', () => {
    expect(callbackAfterModeSwitch(DEFAULT_LOOPBACK_CALLBACK, 'browser-scheme')).toBe(DEFAULT_SCHEME_CALLBACK);
    expect(callbackAfterModeSwitch(DEFAULT_SCHEME_CALLBACK, 'browser-loopback')).toBe(DEFAULT_LOOPBACK_CALLBACK);
    expect(callbackAfterModeSwitch(' ', 'browser-scheme')).toBe(DEFAULT_SCHEME_CALLBACK);
    expect(callbackAfterModeSwitch('https://localhost', 'browser-loopback')).toBe('https://localhost');
    expect(callbackAfterModeSwitch('http://127.0.0.1:7000/cb', 'browser-scheme')).toBe('http://127.0.0.1:7000/cb');
    // The embedded window intercepts any URL; a custom scheme there would be handed to the OS.
    expect(defaultCallbackFor('embedded')).toBe(DEFAULT_LOOPBACK_CALLBACK);
    expect(callbackAfterModeSwitch(DEFAULT_SCHEME_CALLBACK, 'embedded')).toBe(DEFAULT_LOOPBACK_CALLBACK);
  });
});

describe('chooseClientSecret', () => {
  it('a typed secret goes once; a stored one is named, never read; nothing means a public client', () => {
    expect(chooseClientSecret({ typed: 's', hasStored: true, keychainAvailable: true })).toEqual({ source: 'once', value: 's' });
    expect(chooseClientSecret({ typed: 's', hasStored: false, keychainAvailable: false })).toEqual({ source: 'once', value: 's' });
    expect(chooseClientSecret({ typed: '', hasStored: true, keychainAvailable: true })).toEqual({ source: 'stored' });
    expect(chooseClientSecret({ typed: '', hasStored: true, keychainAvailable: false })).toEqual({ source: 'none' });
    expect(chooseClientSecret({ typed: '', hasStored: false, keychainAvailable: true })).toEqual({ source: 'none' });
  });
});

describe('field issues', () => {
  it('groups server paths under their field and finds the first error in screen order', () => {
    const { errors } = issuesByField(
      { errors: [{ field: 'clientId', message: 'a' }], warnings: [] },
      [
        { field: 'extraTokenParams[1].key', message: 'b' },
        { field: 'authUrl', message: 'c' },
      ],
    );
    expect(errors.get('extraTokenParams')).toEqual(['b']);
    expect(firstErrorField(errors)).toBe('authUrl');
    expect(firstErrorField(new Map([['somethingNew', ['x']]]))).toBe('somethingNew');
    // The contract's schema names paths from the startFlow input.
    const schema = issuesByField({ errors: [], warnings: [] }, [
      { field: 'settings.verifierLength', message: 'too big' },
      { field: 'settings.extraAuthParams.0.key', message: 'too long' },
    ]).errors;
    expect([...schema.keys()]).toEqual(['verifierLength', 'extraAuthParams']);
    expect(firstErrorField(new Map())).toBeNull();
  });
});

describe('flowSteps', () => {
  const states = (status: Parameters<typeof flowSteps>[0]['status'], redirected = false) =>
    flowSteps({ status, trace: redirected ? [{ kind: 'redirect', at: 'x', url: 'u', source: 'loopback', params: {} }] : [] }).map((s) => s.state);

  it('marks where a flow is and where it failed', () => {
    expect(states('awaiting-redirect')).toEqual(['current', 'pending', 'pending']);
    expect(states('exchanging', true)).toEqual(['done', 'current', 'pending']);
    expect(states('done', true)).toEqual(['done', 'done', 'done']);
    expect(states('expired')).toEqual(['failed', 'pending', 'pending']);
    expect(states('failed', true)).toEqual(['done', 'failed', 'pending']);
    expect(states('cancelled')).toEqual(['failed', 'pending', 'pending']);
  });

  it('puts the failure at the redirect when the IdP redirected back with an error (no code to exchange)', () => {
    const redirect = (params: Record<string, string>) => ({ kind: 'redirect' as const, at: 'x', url: 'u', source: 'loopback' as const, params });
    expect(flowSteps({ status: 'failed', trace: [redirect({ error: 'access_denied', state: 's' })] }).map((s) => s.state)).toEqual(['failed', 'pending', 'pending']);
    expect(flowSteps({ status: 'failed', trace: [redirect({ code: 'c', state: 's' })] }).map((s) => s.state)).toEqual(['done', 'failed', 'pending']);
  });
});
