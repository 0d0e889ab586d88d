// `npm run demo-idp [-- --port 9090] [-- --plain]`: a local OpenID Provider to try the app against.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { DEFAULT_PORT, DEMO_API } from './config';
import { startDemoIdp, type DemoIdp } from './provider';

const USAGE = `Usage: npm run demo-idp -- [--port <n>] [--plain]
  --port <n>  port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --plain     also allow code_challenge_method=plain (runs oidc-provider 8; 9 dropped plain)`;

export function parseCliArgs(argv: string[]): { port: number; plain: boolean } | { help: true } {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, plain: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    strict: true,
  });
  if (values.help) return { help: true };
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a whole number from 0 to 65535, got "${values.port}".`);
  return { port, plain: values.plain ?? false };
}

export function describeDemoIdp(idp: DemoIdp): string {
  const lines = [
    `PKCE Inspector demo IdP (oidc-provider ${idp.providerVersion}) is running.`,
    '',
    `Issuer:                 ${idp.issuer}`,
    `Discovery:              ${idp.discoveryUrl}`,
    `Authorization endpoint: ${idp.authorizationEndpoint}`,
    `Token endpoint:         ${idp.tokenEndpoint}`,
    `UserInfo endpoint:      ${idp.userinfoEndpoint}`,
    `Revocation endpoint:    ${idp.revocationEndpoint}`,
    `Introspection endpoint: ${idp.introspectionEndpoint}`,
    `End session endpoint:   ${idp.endSessionEndpoint}`,
    `PKCE methods:           ${idp.pkceMethods.join(', ')} (PKCE is required for every client)`,
    `Scopes:                 openid profile email offline_access (offline_access: the consent page asks, and allowing it gives a refresh token)`,
    `Demo API:               resource=${DEMO_API.resource} with scope ${DEMO_API.scopes.join(' or ')}: a JWT access token (RFC 8707)`,
    '',
    'Clients (demo values, safe to print):',
  ];
  for (const client of Object.values(idp.clients)) {
    lines.push(`  ${client.clientId}`);
    lines.push(`    ${client.description}`);
    lines.push(`    auth method:   ${client.tokenEndpointAuthMethod}${client.clientSecret !== null ? `   secret: ${client.clientSecret}` : ''}`);
    const anyPort = (uri: string) => client.applicationType === 'native' && uri.startsWith('http://127.0.0.1/');
    lines.push(`    redirect URIs: ${client.redirectUris.map((uri) => (anyPort(uri) ? `${uri} (any port)` : uri)).join('  ')}`);
  }
  lines.push('', `Demo login: username "${idp.user.login}", password "${idp.user.password}".`);
  if (idp.issuer === `http://127.0.0.1:${DEFAULT_PORT}`) lines.push('In PKCE Inspector, the "Local demo IdP" preset is set up for this issuer and the public client.');
  lines.push('', 'Press Ctrl-C to stop.');
  return lines.join('\n');
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseCliArgs>;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if ('help' in args) {
    console.log(USAGE);
    return;
  }
  const idp = await startDemoIdp({ port: args.port, pkceMethods: args.plain ? ['S256', 'plain'] : ['S256'] });
  const stop = (signal: string) => {
    console.log(`\n${signal}: stopping the demo IdP.`);
    void idp.close().then(() => process.exit(0));
  };
  // Before the banner: whoever reads it may press Ctrl-C at once.
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  console.log(describeDemoIdp(idp));
}

// Only when run as a program, so tests can import the helpers above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    const inUse = (err as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
    console.error('The demo IdP could not start:', err instanceof Error ? err.message : err, inUse ? '\nIs it already running? Pick another port with --port <n> (0 for any free one).' : '');
    process.exit(1);
  });
}
