import xml, { type Element } from '@xmpp/xml';
import { copy } from '../vcard/edit.js';
import { NS_VCARD } from '../vcard/vcard.js';
import { decodeBase64, type DataParse } from './avatar.js';

/**
 * XEP-0153 §3.1 / XEP-0054: the avatar of a vcard-temp card, <PHOTO><TYPE/><BINVAL/></PHOTO>,
 * as bytes (bounded as XEP-0084 data is); undefined when the card has none.
 */
export function readVcardPhoto(vcard: Element | undefined): DataParse | undefined {
  const photo = vcard?.is('vCard', NS_VCARD) ? vcard.getChild('PHOTO') : undefined;
  const binval = photo?.getChild('BINVAL');
  if (!binval) return photo?.getChild('EXTVAL') ? { ok: false, reason: 'the vCard photo is kept elsewhere (EXTVAL), not in the vCard' } : undefined;
  return decodeBase64(binval.getText());
}

/** The whole card (XEP-0054 §3.2) with its PHOTO replaced by `photo` (none: removed), every other field kept. */
export function withPhoto(current: Element | undefined, photo: { type: string; bytes: Buffer } | undefined): Element {
  const kept = (current?.is('vCard', NS_VCARD) ? current.children : []).filter((c): c is Element => typeof c !== 'string' && c.name !== 'PHOTO').map(copy);
  const element = photo && xml('PHOTO', {}, xml('TYPE', {}, photo.type), xml('BINVAL', {}, photo.bytes.toString('base64')));
  return xml('vCard', { xmlns: NS_VCARD }, ...kept, ...(element ? [element] : []));
}
