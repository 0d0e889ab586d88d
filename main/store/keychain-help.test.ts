import { describe, expect, it } from 'vitest';
import { keychainFix, keychainUnavailableMessage } from './keychain-help';

describe('keychain help', () => {
  it('tells each platform what to do', () => {
    expect(keychainFix('linux')).toMatch(/libsecret-1-0.*gnome-keyring or KWallet.*unlock/s);
    expect(keychainFix('darwin')).toMatch(/login keychain/);
    expect(keychainFix('win32')).toMatch(/Credential Manager/);
  });

  it('offers the one-flow alternative', () => {
    expect(keychainUnavailableMessage('store the client secret', 'no bus', 'linux')).toMatch(/^The OS keychain could not store the client secret \(no bus\)\..*one flow only/s);
  });
});
