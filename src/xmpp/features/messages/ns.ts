export const NS_DELAY = 'urn:xmpp:delay';
export const NS_SID = 'urn:xmpp:sid:0';
export const NS_RECEIPTS = 'urn:xmpp:receipts';
export const NS_CHATSTATES = 'http://jabber.org/protocol/chatstates';
export const NS_OOB = 'jabber:x:oob';
export const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
