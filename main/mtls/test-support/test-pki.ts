// For tests: a throwaway PKI made with the openssl command line in a temp folder — a test CA, a
// server certificate for 127.0.0.1, client certificates (CA-issued, another CA-issued one, a
// self-signed one) and a PKCS#12 bundle. Nothing here is used by the app.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

export interface TestCertificate {
  certPem: string;
  keyPem: string;
  /** As X509Certificate prints it, comma-joined: e.g. "CN=pkce-inspector-mtls, O=PKCE Inspector Tests". */
  subject: string;
}

export interface TestPki {
  ca: TestCertificate;
  server: TestCertificate;
  /** Issued by the test CA: what tls_client_auth registers by subject. */
  client: TestCertificate;
  /** Also issued by the test CA, with another subject: a "wrong certificate" for tls_client_auth. */
  otherClient: TestCertificate;
  /** Self-signed: what self_signed_tls_client_auth registers by its thumbprint. */
  selfSigned: TestCertificate;
  /** `client` with its key and the CA, as PKCS#12 (base64) protected by `pkcs12Password`. */
  pkcs12Base64: string;
  pkcs12Password: string;
}

export const CLIENT_SUBJECT = 'CN=pkce-inspector-mtls, O=PKCE Inspector Tests';

export function createTestPki(): TestPki {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pkce-mtls-pki-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  const read = (name: string, subject: string): TestCertificate => ({ certPem: readFileSync(file(`${name}.crt`), 'utf8'), keyPem: readFileSync(file(`${name}.key`), 'utf8'), subject });
  const issue = (name: string, subj: string, extension: string) => {
    writeFileSync(file(`${name}.ext`), `${extension}\n`);
    openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subj);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`);
  };
  try {
    openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=PKCE Inspector Test CA', '-days', '2');
    issue('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth');
    issue('client', '/CN=pkce-inspector-mtls/O=PKCE Inspector Tests', 'extendedKeyUsage=clientAuth');
    issue('other', '/CN=someone-else/O=PKCE Inspector Tests', 'extendedKeyUsage=clientAuth');
    openssl('req', '-x509', ...ec, '-keyout', 'self.key', '-out', 'self.crt', '-subj', '/CN=pkce-inspector-self-signed', '-days', '2');
    const pkcs12Password = 'p12-pass-7f3a';
    openssl('pkcs12', '-export', '-in', 'client.crt', '-inkey', 'client.key', '-certfile', 'ca.crt', '-out', 'client.p12', '-passout', `pass:${pkcs12Password}`);
    return {
      ca: read('ca', 'CN=PKCE Inspector Test CA'),
      server: read('server', 'CN=127.0.0.1'),
      client: read('client', CLIENT_SUBJECT),
      otherClient: read('other', 'CN=someone-else, O=PKCE Inspector Tests'),
      selfSigned: read('self', 'CN=pkce-inspector-self-signed'),
      pkcs12Base64: readFileSync(file('client.p12')).toString('base64'),
      pkcs12Password,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Trusts the test CA in this test process only (Node's default CA list, used by fetch and
 * node:https alike), so the app's code verifies the test server as it verifies any: nothing in the
 * app turns verification off. Returns the function that restores the previous list.
 */
export function trustTestCa(caPem: string): () => void {
  const previous = tls.getCACertificates('default');
  tls.setDefaultCACertificates([...previous, caPem]);
  return () => tls.setDefaultCACertificates(previous);
}
