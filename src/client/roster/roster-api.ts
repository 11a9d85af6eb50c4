import type { ClientApi, RosterEdit } from '../../commands/types.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { ROSTER_TIMEOUT_MS } from '../../xmpp/features/roster/feature.js';
import type { Store } from '../../store/create-store.js';
import type { AccountDirectory } from '../account/account-directory.js';

type RosterApi = Pick<ClientApi, 'editRoster'>;

/**
 * The command API's roster changes (RFC 6121). Each account has its own roster: a change is made
 * on the running account whose contact the JID is (for a group rename: whose contacts are in the
 * group), else on the default account.
 */
export function rosterApi(accounts: AccountDirectory, store: Store): RosterApi {
  const holder = (edit: RosterEdit): string | undefined => {
    const running = (account: string | undefined): boolean => account !== undefined && accounts.runtimes.has(account);
    const contacts = store.getState().roster.filter((c) => running(c.account));
    if (edit.kind === 'export' || edit.kind === 'import') return undefined;
    const found = edit.kind === 'group-rename' ? contacts.find((c) => c.groups?.includes(edit.from)) : contacts.find((c) => c.jid === edit.jid);
    return found?.account;
  };
  return {
    async editRoster(edit) {
      const runtime = accounts.enabled(holder(edit));
      return runtime.editRoster(edit).catch(refused(edit));
    },
  };
}

/** Turns a server's refusal or silence into one line that says what happened and that nothing changed. */
function refused(edit: RosterEdit) {
  const what = edit.kind === 'group-rename' ? `group "${sanitizeLine(edit.from)}"` : 'jid' in edit ? edit.jid : 'a contact';
  return (error: unknown): never => {
    const { name, condition } = error as { name?: unknown; condition?: unknown };
    if (name === 'StanzaError') {
      // The condition is an element name the server chose: shown only when it looks like one of RFC 6120 §8.3.3's.
      const shown = typeof condition === 'string' && /^[a-z-]{1,40}$/.test(condition) ? condition : 'undefined-condition';
      const why = shown === 'not-acceptable' ? ': a name or group it does not accept (too long?)' : shown === 'bad-request' || shown === 'jid-malformed' ? ': not a JID it accepts' : shown === 'not-allowed' || shown === 'forbidden' ? ': it does not allow it' : '';
      throw new Error(`the server refused to change ${what} in the roster${why} (${shown}); nothing was changed`);
    }
    if (name === 'TimeoutError') throw new Error(`the server did not answer within ${ROSTER_TIMEOUT_MS / 1000} s; ${what} may not have changed (see the roster pane)`);
    throw error;
  };
}
