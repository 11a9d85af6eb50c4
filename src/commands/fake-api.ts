import type { ClientApi } from './types.js';

/** A ClientApi for unit tests of commands: every call fails unless the test provides it. */
export function fakeApi(overrides: Partial<ClientApi> = {}): ClientApi {
  const missing = (name: string) => () => {
    throw new Error(`fakeApi: ${name} was not expected in this test`);
  };
  return {
    sendMessage: async () => missing('sendMessage')(),
    accounts: () => [],
    search: () => [],
    aliases: () => ({}),
    setAlias: missing('setAlias'),
    typing: () => undefined,
    olderFromArchive: async () => ({ stored: 0, complete: true }),
    correct: async () => missing('correct')(),
    addAccount: async () => missing('addAccount')(),
    removeAccount: async () => missing('removeAccount')(),
    setEnabled: async () => missing('setEnabled')(),
    setDefault: missing('setDefault'),
    connect: missing('connect'),
    xmlConsole: missing('xmlConsole'),
    entityTime: async () => missing('entityTime')(),
    ping: async () => missing('ping')(),
    softwareVersion: async () => missing('softwareVersion')(),
    disco: async () => missing('disco')(),
    info: missing('info'),
    infoText: async () => missing('infoText')(),
    ownVcard: async () => missing('ownVcard')(),
    editOwnVcard: async () => missing('editOwnVcard')(),
    setAvatar: async () => missing('setAvatar')(),
    clearAvatar: async () => missing('clearAvatar')(),
    subscriptionRequests: () => [],
    block: async () => missing('block')(),
    unblock: async () => missing('unblock')(),
    blockList: () => ({ account: 'alice@x', jids: [], known: true, supported: true }),
    answerSubscription: async () => missing('answerSubscription')(),
    editRoster: async () => missing('editRoster')(),
    joinRoom: async () => missing('joinRoom')(),
    leaveRoom: async () => missing('leaveRoom')(),
    sayInRoom: async () => missing('sayInRoom')(),
    sendPrivate: async () => missing('sendPrivate')(),
    disconnect: async () => missing('disconnect')(),
    setPresence: async () => missing('setPresence')(),
    setPriority: async () => missing('setPriority')(),
    setInvisible: async () => missing('setInvisible')(),
    lastActivity: async () => missing('lastActivity')(),
    ...overrides,
  };
}
