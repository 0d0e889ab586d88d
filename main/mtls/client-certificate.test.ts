import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { createMemoryKeyStore } from '../keys/key-store';
import { checkClientCertificate, loadClientCertificate, readClientCertificate, removeClientCertificate, saveClientCertificate } from './client-certificate';
import { CLIENT_SUBJECT, createTestPki, type TestPki } from './test-support/test-pki';

let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});

const thumbprintOfPem = (pem: string) => createHash('sha256').update(new X509Certificate(pem).raw).digest('base64url');

function failure(run: () => unknown): ApiError {
  try {
    run();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('client certificate: PEM', () => {
  it('summarizes the certificate with public facts only, and keeps the client certificate first in the chain', () => {
    const checked = checkClientCertificate({ format: 'pem', certificate: `${pki.ca.certPem}${pki.client.certPem}`, privateKey: pki.client.keyPem });
    expect(checked.summary).toMatchObject({ subject: CLIENT_SUBJECT, issuer: 'CN=PKCE Inspector Test CA', selfSigned: false, format: 'pem', chainLength: 2, warnings: [] });
    expect(checked.summary.thumbprint).toBe(thumbprintOfPem(pki.client.certPem));
    expect(new X509Certificate(checked.material.certPem!).subject).toBe(new X509Certificate(pki.client.certPem).subject);
    expect(checked.material).toMatchObject({ thumbprint: checked.summary.thumbprint, subject: CLIENT_SUBJECT });
    expect(JSON.stringify(checked.summary)).not.toContain('PRIVATE KEY');
  });

  it('recognises a self-signed certificate', () => {
    const checked = checkClientCertificate({ format: 'pem', certificate: pki.selfSigned.certPem, privateKey: pki.selfSigned.keyPem });
    expect(checked.summary).toMatchObject({ selfSigned: true, subject: 'CN=pkce-inspector-self-signed', issuer: 'CN=pkce-inspector-self-signed' });
  });

  it('refuses a key that does not belong to the certificate, text that is not PEM, and says which', () => {
    expect(failure(() => checkClientCertificate({ format: 'pem', certificate: pki.client.certPem, privateKey: pki.otherClient.keyPem })).message).toMatch(
      /The private key does not belong to the certificate \(CN=pkce-inspector-mtls, O=PKCE Inspector Tests\)/,
    );
    expect(failure(() => checkClientCertificate({ format: 'pem', certificate: 'MIIB...', privateKey: pki.client.keyPem })).message).toMatch(/The certificate is not PEM/);
    expect(failure(() => checkClientCertificate({ format: 'pem', certificate: pki.client.certPem, privateKey: pki.client.certPem })).message).toMatch(/The private key is not PEM/);
  });

  it('opens an encrypted private key with its password, and says so when it is missing or wrong', () => {
    const encrypted = createPrivateKey(pki.client.keyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'key-pass-0c1d' }) as string;
    const input = { format: 'pem' as const, certificate: pki.client.certPem, privateKey: encrypted };
    expect(checkClientCertificate({ ...input, password: 'key-pass-0c1d' }).material.passphrase).toBe('key-pass-0c1d');
    expect(failure(() => checkClientCertificate(input)).message).toBe('The private key is encrypted: enter its password.');
    const wrong = failure(() => checkClientCertificate({ ...input, password: 'not-it-93' }));
    expect(wrong.message).toMatch(/The password does not decrypt the private key/);
    expect(wrong.message).not.toContain('not-it-93');
  });

  it('stores an expired certificate with a warning (testing a refusal is a use)', () => {
    const later = new Date(Date.now() + 10 * 86_400_000);
    const checked = checkClientCertificate({ format: 'pem', certificate: pki.client.certPem, privateKey: pki.client.keyPem }, later);
    expect(checked.summary.warnings).toEqual([expect.stringMatching(/^Expired on .*an IdP will refuse it in the TLS handshake/)]);
  });
});

describe('client certificate: PKCS#12', () => {
  it('opens the bundle with the right password: the same certificate as its PEM', () => {
    const checked = checkClientCertificate({ format: 'pkcs12', pkcs12Base64: pki.pkcs12Base64, password: pki.pkcs12Password });
    expect(checked.summary).toMatchObject({ subject: CLIENT_SUBJECT, format: 'pkcs12', thumbprint: thumbprintOfPem(pki.client.certPem) });
    expect(checked.material.pfx?.toString('base64')).toBe(pki.pkcs12Base64);
  });

  it('says the password is wrong, without repeating it', () => {
    const error = failure(() => checkClientCertificate({ format: 'pkcs12', pkcs12Base64: pki.pkcs12Base64, password: 'wrong-pass-5e' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^Wrong password for the PKCS#12 file/);
    expect(error.message).not.toContain('wrong-pass-5e');
  });

  it('refuses what is not a PKCS#12 bundle', () => {
    expect(failure(() => checkClientCertificate({ format: 'pkcs12', pkcs12Base64: Buffer.from('not a bundle').toString('base64'), password: 'x' })).message).toMatch(/not a PKCS#12 bundle/);
    expect(failure(() => checkClientCertificate({ format: 'pkcs12', pkcs12Base64: '%%%', password: 'x' })).message).toMatch(/should arrive as base64/);
  });
});

describe('client certificate in the key store', () => {
  it('is kept per profile, read back as the same material, and removed', async () => {
    const store = createMemoryKeyStore();
    const checked = checkClientCertificate({ format: 'pkcs12', pkcs12Base64: pki.pkcs12Base64, password: pki.pkcs12Password });
    await saveClientCertificate(store, 'p1', checked);
    const material = await loadClientCertificate(store, 'p1');
    expect(material.thumbprint).toBe(checked.summary.thumbprint);
    expect(material.passphrase).toBe(pki.pkcs12Password);
    expect((await readClientCertificate(store, 'p1'))?.summary).toEqual(checked.summary);
    await removeClientCertificate(store, 'p1');
    expect(await readClientCertificate(store, 'p1')).toBeNull();
  });

  it('needs a saved profile holding a certificate, and says so', async () => {
    const store = createMemoryKeyStore();
    await expect(loadClientCertificate(store, null)).rejects.toMatchObject({ code: 'invalid_settings', message: expect.stringMatching(/^Client certificate needs a saved profile/) });
    await expect(loadClientCertificate(store, 'p2')).rejects.toMatchObject({ code: 'invalid_settings', message: expect.stringMatching(/this profile has no certificate/) });
    await store.set('p2', 'client-certificate', '{"broken"');
    await expect(loadClientCertificate(store, 'p2')).rejects.toMatchObject({ message: expect.stringMatching(/cannot be read: remove it and add it again/) });
  });
});
