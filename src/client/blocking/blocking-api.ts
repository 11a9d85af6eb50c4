import type { ClientApi } from '../../commands/types.js';
import { bareJid, jidDomain } from '../../domain/jid.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { BLOCKING_TIMEOUT_MS } from '../../xmpp/features/blocking/feature.js';
import { chatTabId } from '../../domain/tab-address.js';
import type { Store } from '../../store/create-store.js';
import type { AccountDirectory } from '../account/account-directory.js';
import type { AccountRuntime } from '../account/account-runtime.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';

type BlockingApi = Pick<ClientApi, 'block' | 'unblock' | 'blockList'>;

/**
 * The command API's blocking (XEP-0191) and spam reports (XEP-0377). Each account has its own
 * list: the one named, else for /block the account whose contact or chat it is, for /unblock the
 * one that blocked it, else the default account.
 */
export function blockingApi(accounts: AccountDirectory, store: Store, tabs: Pick<ChatTabs, 'accountOf'>): BlockingApi {
  /** The running account that knows `jid`: a contact of it, or its chat's. */
  const knowing = (jid: string): string | undefined => {
    const bare = bareJid(jid);
    const holder = store.getState().roster.find((c) => c.jid === bare && c.account !== undefined && accounts.runtimes.has(c.account))?.account;
    return holder ?? tabs.accountOf(chatTabId(bare));
  };
  const blocking = (jid: string): string | undefined => accounts.running().find((r) => r.blocks.list().jids.includes(jid))?.jid;
  return {
    async block(jid, options = {}) {
      const runtime = usable(accounts.enabled(options.account ?? knowing(jid)));
      if (bareJid(jid) === runtime.jid) throw new Error(`${jid} is your own account: it can not be blocked`);
      const feature = runtime.blocking();
      const domain = jidDomain(runtime.jid);
      // XEP-0377: a report goes only to a server that says it takes them; the block goes anyway.
      const report = options.spam === true && (await feature.takesReports(domain));
      const { already } = await runtime.blocks.change(feature, { kind: 'block', jids: [jid] }, { spam: report }).catch(refused('block', jid));
      const done = already.length > 0 ? `${jid} was blocked already on ${runtime.jid}` : `blocked ${jid} on ${runtime.jid}: nothing they send is shown or kept`;
      if (options.spam !== true) return done;
      return report ? `${done}; reported as spam to ${domain}` : `${done}; the spam report was not sent: ${domain} does not take reports (XEP-0377)`;
    },
    async unblock(jid, account) {
      const runtime = usable(accounts.enabled(account ?? (jid === 'all' ? undefined : blocking(jid))));
      const feature = runtime.blocking();
      if (jid === 'all') {
        const { changed } = await runtime.blocks.change(feature, { kind: 'unblock-all' }).catch(refused('unblock', 'everyone'));
        return changed.length === 0 ? `nobody was blocked on ${runtime.jid}` : `unblocked everyone on ${runtime.jid} (${changed.length}: ${changed.join(', ')})`;
      }
      const { already } = await runtime.blocks.change(feature, { kind: 'unblock', jids: [jid] }).catch(refused('unblock', jid));
      return already.length > 0 ? `${jid} was not blocked on ${runtime.jid}` : `unblocked ${jid} on ${runtime.jid}`;
    },
    blockList(account) {
      const runtime = accounts.enabled(account);
      const list = runtime.blocks.list();
      // Offline, pushes do not come: the list is the last one read, and /blocked says so.
      return { account: runtime.jid, ...list, known: list.known && runtime.state().kind === 'online' };
    },
  };
}

/** The runtime, unless its server said it does not block at all. */
function usable(runtime: AccountRuntime): AccountRuntime {
  if (!runtime.blocks.list().supported) throw new Error(`${runtime.jid}'s server does not support blocking (XEP-0191)`);
  return runtime;
}

/** Turns a server's refusal or silence into one line that says what happened. */
function refused(action: 'block' | 'unblock', who: string) {
  return (error: unknown): never => {
    const { name, condition, message } = error as { name?: unknown; condition?: unknown; message?: unknown };
    if (name === 'StanzaError') {
      // The condition is an element name the server chose: shown only when it looks like one of RFC 6120 §8.3.3's.
      const shown = typeof condition === 'string' && /^[a-z-]{1,40}$/.test(condition) ? condition : 'undefined-condition';
      const why = shown === 'jid-malformed' ? ': it is not a JID the server accepts' : shown === 'not-allowed' || shown === 'forbidden' ? ': it does not allow it' : '';
      throw new Error(`the server refused to ${action} ${who}${why} (${shown})`);
    }
    if (name === 'TimeoutError') throw new Error(`the server did not answer within ${BLOCKING_TIMEOUT_MS / 1000} s; ${who} is not ${action}ed`);
    throw new Error(`could not ${action} ${who}: ${sanitizeLine(typeof message === 'string' ? message : String(error))}`);
  };
}
