import type { RosterEdit } from '../../commands/types.js';
import type { Session } from '../account/session-wiring.js';
import { editRoster, type RosterEditPort } from './roster-edit.js';
import type { SubscriptionRequests } from './subscriptions.js';

type LiveSession = Pick<Session, 'client' | 'roster' | 'preApproval'>;
type Requests = Pick<SubscriptionRequests, 'pending' | 'forget'>;
type LiveClient = Pick<Session, 'client'>;

/** Roster editing over a live session: its roster, its pre-approval, and the account's waiting requests. */
export function sessionRosterPort(account: string, live: LiveSession, requests: Requests): RosterEditPort {
  return {
    account,
    item: live.roster.item,
    items: live.roster.items,
    set: live.roster.set,
    remove: live.roster.remove,
    send: (stanza) => live.client.send(stanza),
    preApproval: live.preApproval,
    pending: requests.pending,
    answered: requests.forget,
  };
}

/** One /roster change on the account's current session; offline, an error saying how to connect. */
export async function editRosterOn(account: string, live: LiveSession | undefined, requests: Requests, edit: RosterEdit): Promise<string> {
  if (!live) throw new Error(`${account} is offline; its roster can be changed once it is connected (/connect ${account})`);
  return editRoster(sessionRosterPort(account, live, requests), edit);
}

/** Approves (and asks back) or refuses `peer`'s request to see the account's presence (RFC 6121 §3.1), on the current session. */
export async function answerSubscriptionOn(account: string, live: LiveClient | undefined, requests: Pick<SubscriptionRequests, 'answer'>, peer: string, approve: boolean): Promise<void> {
  if (!live) throw new Error(`${account} is offline; answer once it is connected (the server asks again at login)`);
  for (const stanza of requests.answer(peer, approve)) await live.client.send(stanza);
}
