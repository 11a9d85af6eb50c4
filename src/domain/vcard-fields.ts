/**
 * The vCard fields natter edits (/vcard set), by their vcard-temp names (XEP-0054), with what
 * each holds: the one list the command's help and completion and the builder share.
 */
export const EDITABLE_VCARD_FIELDS = {
  FN: 'your name as shown',
  NICKNAME: 'a nickname',
  BDAY: 'birthday, YYYY-MM-DD',
  URL: 'a web address',
  TITLE: 'job title',
  ROLE: 'role',
  NOTE: 'a note about you',
  JABBERID: 'a JID',
  EMAIL: 'an email address',
  TEL: 'a phone number',
  ORG: 'organisation',
} as const;

export type EditableVcardField = keyof typeof EDITABLE_VCARD_FIELDS;

export function isEditableVcardField(name: string): name is EditableVcardField {
  return Object.hasOwn(EDITABLE_VCARD_FIELDS, name);
}
