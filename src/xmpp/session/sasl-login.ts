import type { Client } from '@xmpp/client-core';
import type { IqCaller } from '@xmpp/iq/caller.js';
import sasl from '@xmpp/sasl';
import type { StreamFeatures } from '@xmpp/stream-features';
import type { Element } from '@xmpp/xml';
import SASLFactory from 'saslmechanisms';
import { registerAccount } from '../features/register/register.js';
import { AuthenticationError, DowngradeError, NoPasswordError, ServerProofError, TlsRequiredError, UnverifiedConnectionError } from './errors.js';
import { PlainMechanism } from './sasl-plain.js';
import { scramMechanism } from './scram.js';
import { VerifyingSocket } from './tls-transport.js';
import { connectionSocket, watchMechanisms } from './xmppjs-internals.js';

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const STRENGTH: Record<string, number> = { PLAIN: 1, 'SCRAM-SHA-1': 2, 'SCRAM-SHA-256': 3 };

/** Ranks the mechanisms natter supports; an unknown name ranks lowest. */
export function mechanismStrength(name: string): number {
  return STRENGTH[name] ?? 0;
}

export interface SaslAccount {
  jid: string;
  local: string;
  domain: string;
  /** The strongest SASL mechanism this account used before: anything weaker is refused. */
  pinnedMechanism?: string;
  /** XEP-0077: create the account (with the password from getPassword) before logging in. */
  register?: boolean;
  getPassword(): Promise<string>;
}

type Mechanism = { verify?(serverFinal: string): void; serverVerified?: boolean };
type Authenticate = (credentials: { username: string; password: string }, mechanism: string) => Promise<void>;

/**
 * SASL (RFC 6120 §6) the way natter allows it: only over TLS whose peer natter verified, the
 * strongest mechanism offered (SCRAM-SHA-256, SCRAM-SHA-1, PLAIN), never one weaker than the
 * account used before, the password asked for just in time, and a SCRAM server that must
 * prove it knows the password too. A failure another attempt can not fix calls `stop`.
 */
export function saslLogin(deps: { entity: Client; streamFeatures: StreamFeatures<Client>; caller: IqCaller; account: SaslAccount; where: string; stop(): void }) {
  const { account, where, stop } = deps;
  const saslFactory = new SASLFactory();
  // Factory order is preference order: the strongest mechanism offered wins.
  saslFactory.use('SCRAM-SHA-256', scramMechanism('SCRAM-SHA-256', 'sha256'));
  saslFactory.use('SCRAM-SHA-1', scramMechanism('SCRAM-SHA-1', 'sha1'));
  saslFactory.use('PLAIN', PlainMechanism);
  const proof = serverProof(deps.entity, saslFactory);
  let mechanism: string | undefined;

  const refuse = (error: Error): never => {
    stop();
    throw error;
  };
  const onAuthenticate = async (authenticate: Authenticate, mechanisms: string[], _fast: unknown, e: Client) => {
    // Reaching SASL on a clear connection means STARTTLS was not offered (or was stripped).
    if (!e.isSecure()) refuse(new TlsRequiredError(where));
    // No credential leaves unless the socket is TLS whose peer natter verified itself.
    const socket = connectionSocket(e);
    if (!(socket instanceof VerifyingSocket && socket.verified)) refuse(new UnverifiedConnectionError(where));
    const chosen = mechanisms[0];
    if (!chosen) throw new Error('the server offers no SASL mechanism natter supports');
    const pinned = account.pinnedMechanism;
    if (pinned && mechanismStrength(chosen) < mechanismStrength(pinned)) refuse(new DowngradeError(account.jid, chosen, pinned));
    // Asking again every few seconds would be a prompt loop: a missing password is final.
    const password = await account.getPassword().catch((error: unknown) => refuse(new NoPasswordError(account.jid, error instanceof Error ? error.message : String(error))));
    if (account.register) await registerAccount(deps.caller, account.domain, account.local, password).catch((error: Error) => refuse(error));
    try {
      await authenticate({ username: account.local, password }, chosen);
    } catch (error) {
      // xmpp.js #588: it would retry a wrong password forever.
      if ((error as { name?: string }).name === 'SASLError') refuse(new AuthenticationError(account.jid, String((error as { condition?: string }).condition ?? 'not-authorized')));
      throw error;
    }
    const failure = proof.failure();
    if (failure !== undefined) refuse(new ServerProofError(account.jid, failure));
    mechanism = chosen;
  };
  (sasl as unknown as (deps: object, fn: typeof onAuthenticate) => void)({ streamFeatures: deps.streamFeatures, saslFactory }, onAuthenticate);
  return {
    /** The SASL mechanism of the last successful login. */
    mechanism: () => mechanism,
  };
}

/**
 * @xmpp/sasl ignores the additional data of <success/>, where a SCRAM server sends its
 * signature (RFC 6120 §6.4.6, RFC 5802 §5.1 v=). The mechanism it creates is kept and handed
 * that data, so the server proves it knows the password too.
 */
function serverProof(entity: Client, saslFactory: SASLFactory) {
  let current: Mechanism | undefined;
  let problem: Error | undefined;
  watchMechanisms<Mechanism>(saslFactory, (mechanism) => {
    current = mechanism ?? undefined;
    problem = undefined;
  });
  entity.on('nonza', (element: Element) => {
    if (!element.is('success', NS_SASL) || !current?.verify || current.serverVerified) return;
    const data = element.text();
    if (!data || data === '=') return;
    try {
      current.verify(Buffer.from(data, 'base64').toString('utf8'));
    } catch (error) {
      problem = error instanceof Error ? error : new Error(String(error));
    }
  });
  return {
    /** Why the last login's server is not proven, or undefined when it is (or need not be). */
    failure: (): string | undefined => (current?.verify && !current.serverVerified ? (problem?.message ?? 'the server sent no signature') : undefined),
  };
}
