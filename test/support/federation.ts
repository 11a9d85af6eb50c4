import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { issueCertificate, makeCa, type TestCa } from './ca.js';
import { federatedProsodyConfig } from './federation-config.js';
import { freePort } from './free-port.js';
import { launchProsody, registerAccount, type ProsodyAccount } from './prosody.js';
import { requirePrograms } from './run.js';

/** One of the federated test servers: what a test needs to reach it and make accounts. */
export interface FederatedServer {
  host: '127.0.0.1';
  domain: string;
  /** Its MUC service: conference.<domain>. */
  muc: string;
  c2sPort: number;
  s2sPort: number;
  caFile: string;
  caPem: string;
  configFile: string;
  dir: string;
  register(local: string): Promise<ProsodyAccount>;
  log(): string;
}

export interface Federation {
  /** alpha.test and beta.test: certificates from the one test CA, each routed to the other. */
  alpha: FederatedServer;
  beta: FederatedServer;
  /** stranger.test: a certificate from a CA nobody else trusts; alpha routes to it too. */
  stranger: FederatedServer;
  /** misnamed.test: a certificate from the test CA, but for beta.test's names; alpha routes to it too. */
  misnamed: FederatedServer;
  stop(): Promise<void>;
}

interface Plan {
  domain: string;
  ca: TestCa;
  /** The names its certificate is for (its domain and MUC service unless said). */
  certNames?: string[];
  c2sPort: number;
  s2sPort: number;
  routes: Record<string, number>;
}

/**
 * Private Prosody servers on 127.0.0.1 that talk server to server over verified TLS:
 * alpha.test and beta.test, whose certificates the test CA issued; and two alpha must refuse:
 * stranger.test, whose certificate another CA issued, and misnamed.test, whose certificate
 * the test CA issued for beta.test's names. No DNS and no /etc/hosts: each server's
 * mod_s2s_test_routes sends its s2s connections to the other's port.
 */
export async function startFederation(options: { logLevel?: string } = {}): Promise<Federation> {
  requirePrograms(['prosody', 'prosodyctl'], 'prosody');
  requirePrograms(['openssl'], 'openssl');
  const caDir = mkdtempSync(join(tmpdir(), 'natter-fed-ca-'));
  const started: Array<{ stop(): Promise<void> }> = [];
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((s) => s.stop()));
    rmSync(caDir, { recursive: true, force: true });
  };
  try {
    const [ca, strangerCa] = await Promise.all([makeCa(caDir, 'natter federation test CA'), makeCa(mkdirIn(caDir, 'other'), 'a CA nobody trusts')]);
    const port = async (): Promise<[number, number]> => [await freePort(), await freePort()];
    const [[a1, a2], [b1, b2], [s1, s2], [m1, m2]] = [await port(), await port(), await port(), await port()];
    const plans: Plan[] = [
      { domain: 'alpha.test', ca, c2sPort: a1, s2sPort: a2, routes: routesTo({ 'beta.test': b2, 'stranger.test': s2, 'misnamed.test': m2 }) },
      { domain: 'beta.test', ca, c2sPort: b1, s2sPort: b2, routes: routesTo({ 'alpha.test': a2 }) },
      { domain: 'stranger.test', ca: strangerCa, c2sPort: s1, s2sPort: s2, routes: routesTo({ 'alpha.test': a2 }) },
      { domain: 'misnamed.test', ca, certNames: ['beta.test', 'conference.beta.test'], c2sPort: m1, s2sPort: m2, routes: routesTo({ 'alpha.test': a2 }) },
    ];
    const [alpha, beta, stranger, misnamed] = await Promise.all(plans.map((plan) => startServer(plan, options.logLevel ?? 'info', started)));
    return { alpha: alpha!, beta: beta!, stranger: stranger!, misnamed: misnamed!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Each domain and its MUC service, both at the server's s2s port. */
function routesTo(servers: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(servers).flatMap(([domain, port]) => [[domain, port], [`conference.${domain}`, port]]));
}

function mkdirIn(parent: string, name: string): string {
  mkdirSync(join(parent, name));
  return join(parent, name);
}

async function startServer(plan: Plan, logLevel: string, started: Array<{ stop(): Promise<void> }>): Promise<FederatedServer> {
  const dir = mkdtempSync(join(tmpdir(), `natter-${plan.domain.split('.')[0]}-`));
  mkdirSync(join(dir, 'data'), { mode: 0o700 });
  mkdirSync(join(dir, 'certs'));
  const muc = `conference.${plan.domain}`;
  const certs = await issueCertificate(plan.ca, dir, plan.certNames ?? [plan.domain, muc], { file: plan.domain });
  const configFile = join(dir, 'prosody.cfg.lua');
  writeFileSync(configFile, federatedProsodyConfig({ dir, domain: plan.domain, certs, c2sPort: plan.c2sPort, s2sPort: plan.s2sPort, routes: plan.routes, user: userInfo().username, logLevel }));
  const server = await launchProsody(dir, configFile, [plan.c2sPort, plan.s2sPort]);
  started.push(server);
  const info = { host: '127.0.0.1' as const, domain: plan.domain, muc, c2sPort: plan.c2sPort, s2sPort: plan.s2sPort, caFile: certs.caFile, caPem: certs.caPem, configFile, dir };
  return { ...info, register: (local) => registerAccount(info, local, undefined, plan.domain), log: server.log };
}
