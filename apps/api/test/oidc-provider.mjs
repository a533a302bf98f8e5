// A real OpenID Connect provider (the certified `oidc-provider` package) on a loopback http issuer,
// for the single sign-on tests. Run as its own process: `node oidc-provider.mjs` with REDIRECT_URI (and CLIENTS);
// it prints `{"issuer": "..."}` once listening. Its login and consent steps are one route the test
// calls with the account it wants: /interaction/<uid>?sub=&email=&verified=&name= (a browser gets a
// form asking for the e-mail address).
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const accounts = new Map();
const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  // CLIENTS: `id:secret,id:secret` (one test provider can serve the platform and an organisation); als-test by default.
  clients: (process.env.CLIENTS ?? 'als-test:als-test-secret-0123456789').split(',').map((pair) => ({
    client_id: pair.slice(0, pair.indexOf(':')),
    client_secret: pair.slice(pair.indexOf(':') + 1),
    redirect_uris: [process.env.REDIRECT_URI],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  })),
  async findAccount(_ctx, sub) {
    const account = accounts.get(sub);
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, email: account.email, email_verified: account.verified, name: account.name }) };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  pkce: { required: () => true },
  cookies: { keys: ['als-test-provider-cookie-key'] },
});
provider.on('server_error', (_ctx, error) => console.error('provider error', error));
const handle = provider.callback();

server.on('request', async (req, res) => {
  const url = new URL(req.url, issuer);
  if (!url.pathname.startsWith('/interaction/')) return handle(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      if (!url.searchParams.get('email')) {
        // A browser: a sign-in form that comes back here with the address (any address works).
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(`<!doctype html><title>Test provider</title><h1>Test provider</h1><form method="get"><label>E-mail <input name="email" type="email"></label><input type="hidden" name="verified" value="true"><button>Continue</button></form>`);
        return;
      }
      const sub = url.searchParams.get('sub') ?? url.searchParams.get('email');
      accounts.set(sub, { email: url.searchParams.get('email'), verified: url.searchParams.get('verified') === 'true', name: url.searchParams.get('name') ?? undefined });
      await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    grant.addOIDCScope(String(details.params.scope));
    const missing = details.prompt.details.missingOIDCClaims;
    if (Array.isArray(missing)) grant.addOIDCClaims(missing);
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
