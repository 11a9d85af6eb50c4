import { boundedLine, sanitizeLine } from '../../domain/sanitize.js';
import { EDITABLE_VCARD_FIELDS, isEditableVcardField } from '../../domain/vcard-fields.js';
import { fail, ok, type CommandSpec, type OwnVcard } from '../types.js';

const FIELDS = Object.keys(EDITABLE_VCARD_FIELDS);
const FIELD_LIST = Object.entries(EDITABLE_VCARD_FIELDS).map(([name, what]) => `${name} (${what})`).join(', ');

/** Field names starting with `partial`, any case, for Tab. */
const fieldsLike = (partial: string): string[] => FIELDS.filter((f) => f.startsWith(partial.toUpperCase()));

/** The field written, in capitals, or why it is not one natter edits. */
function fieldOf(written: string, usage: string): { name: string } | { error: string } {
  const name = written.toUpperCase();
  return isEditableVcardField(name) ? { name } : { error: `natter does not edit "${sanitizeLine(written)}". ${usage}; FIELD is one of ${FIELDS.join(', ')}` };
}

const show: CommandSpec = {
  name: 'show',
  summary: 'Show your vCard as your server holds it (what /info shows others).',
  args: [],
  examples: ['/vcard', '/vcard show'],
  run: async (ctx) => ok(describeOwnVcard(await ctx.api.ownVcard())),
};

const SET_USAGE = 'Usage: /vcard set FIELD VALUE';
const set: CommandSpec = {
  name: 'set',
  summary: 'Set one field of your vCard and publish it (the other fields stay as they are).',
  args: [
    { name: 'field', required: true, description: `which field: ${FIELD_LIST}` },
    { name: 'value', required: true, rest: true, description: 'its new value, spaces and all (at most 1000 characters)' },
  ],
  description: 'Your server keeps the vCard and gives it to whoever asks (XEP-0054); Prosody also publishes it as vCard4 (XEP-0292). A field holds one value: EMAIL one address, TEL one number.',
  examples: ['/vcard set FN Alice Example', '/vcard set NICKNAME ally', '/vcard set EMAIL alice@example.org', '/vcard set BDAY 1990-04-01'],
  async run(ctx, [written = '', value = '']) {
    const field = fieldOf(written, SET_USAGE);
    if ('error' in field) return fail(field.error);
    if (value.trim() === '') return fail(`Give ${field.name} a value: /vcard set ${field.name} VALUE, or /vcard clear ${field.name} to remove it`);
    return ok(await ctx.api.editOwnVcard(field.name, value));
  },
  complete: (_ctx, index, partial) => (index === 0 ? fieldsLike(partial) : []),
};

const clear: CommandSpec = {
  name: 'clear',
  summary: 'Remove one field from your vCard and publish it.',
  args: [{ name: 'field', required: true, description: `which field: ${FIELDS.join(', ')}` }],
  examples: ['/vcard clear NOTE'],
  async run(ctx, [written = '']) {
    const field = fieldOf(written, 'Usage: /vcard clear FIELD');
    if ('error' in field) return fail(field.error);
    return ok(await ctx.api.editOwnVcard(field.name, undefined));
  },
  complete: (_ctx, index, partial) => (index === 0 ? fieldsLike(partial) : []),
};

export const vcardCommand: CommandSpec = {
  name: 'vcard',
  summary: 'Show your own vCard, or set or clear one of its fields (XEP-0054).',
  description: 'The vCard is what others see of you with /info (or their client\'s profile view): your name, nickname, email, and so on.',
  examples: ['/vcard', '/vcard set FN Alice Example', '/vcard clear NOTE'],
  defaultSubCommand: 'show',
  subCommands: [show, set, clear],
};

/** "your vCard (alice@x):" and one field a line, or how to start one. */
export function describeOwnVcard(card: OwnVcard): string {
  const who = sanitizeLine(card.account);
  if (card.fields.length === 0 && card.left === 0) return `${who} has no vCard yet; /vcard set FN Your Name starts one`;
  const more = card.left > 0 ? [`  … and ${card.left} more fields not shown`] : [];
  return [`the vCard of ${who}:`, ...card.fields.map((f) => `  ${f.label}: ${boundedLine(f.value, 1000)}`), ...more].join('\n');
}
