import type { ClientApi } from '../../commands/types.js';
import type { AccountDirectory } from '../account/account-directory.js';

type SubscriptionsApi = Pick<ClientApi, 'subscriptionRequests' | 'answerSubscription'>;

/** The command API's presence subscription requests (RFC 6121 §3.1), of every running account. */
export function subscriptionsApi(accounts: AccountDirectory): SubscriptionsApi {
  return {
    subscriptionRequests: () => [...new Set(accounts.running().flatMap((r) => r.subscriptionRequests()))],
    async answerSubscription(jid, approve, account) {
      // The account that was asked, unless the person named one.
      const asked = accounts.running().find((r) => r.subscriptionRequests().includes(jid));
      const runtime = account === undefined && asked ? asked : accounts.enabled(account);
      await runtime.answerSubscription(jid, approve);
      return approve ? `${jid} may now see your presence (${runtime.jid})` : `refused ${jid} (${runtime.jid}); they do not see your presence`;
    },
  };
}
