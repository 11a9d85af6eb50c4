import type { ClientApi } from '../../commands/types.js';
import type { AccountDirectory } from '../account/account-directory.js';
import type { AccountRuntime } from '../account/account-runtime.js';
import { avatarFromFile, publishOwnAvatar, type OwnAvatarPort } from './own-avatar.js';

/** The command API's /avatar: one's own avatar set from a file, or cleared. */
export function avatarsApi(accounts: AccountDirectory): Pick<ClientApi, 'setAvatar' | 'clearAvatar'> {
  const port = (runtime: AccountRuntime): OwnAvatarPort => ({
    jid: runtime.jid,
    ask: (child, to, timeoutMs) => runtime.ask(child, to, timeoutMs),
    setOwn: (child, timeoutMs) => runtime.setOwn(child, timeoutMs),
    setOwnHash: (hash) => runtime.avatars.setOwnHash(hash),
    async presenceAgain() {
      const { show, status } = runtime.presence.current();
      await runtime.presence.set({ show, status: status ?? '' });
    },
  });
  /** The account first: an offline one is said before the file is read. */
  const online = (account: string | undefined): AccountRuntime => {
    const runtime = accounts.enabled(account);
    if (runtime.state().kind !== 'online') throw new Error(`${runtime.jid} is offline; /connect ${runtime.jid} first`);
    return runtime;
  };
  return {
    async setAvatar(file, account) {
      const runtime = online(account);
      return publishOwnAvatar(port(runtime), await avatarFromFile(file));
    },
    clearAvatar: (account) => publishOwnAvatar(port(online(account)), undefined),
  };
}
