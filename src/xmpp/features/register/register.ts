import xml, { type Element } from '@xmpp/xml';

export const NS_REGISTER = 'jabber:iq:register';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const NS_DATA = 'jabber:x:data';

export class RegistrationError extends Error {
  constructor(
    message: string,
    /** "conflict" when the name is taken; "unsupported" when the server wants more than a name and password. */
    readonly reason: 'conflict' | 'refused' | 'unsupported',
  ) {
    super(message);
    this.name = 'RegistrationError';
  }
}

interface IqPort {
  get(element: Element): Promise<Element | undefined>;
  set(element: Element): Promise<Element | undefined>;
}

/**
 * XEP-0077 in-band registration, before authentication: ask for the fields (§3.1), and
 * send the username and password when that is all the server asks for. A server that wants
 * a data form (e.g. a CAPTCHA, XEP-0158) or other fields is reported, not guessed at.
 */
export async function registerAccount(iq: IqPort, domain: string, username: string, password: string): Promise<void> {
  let fields: Element | undefined;
  try {
    fields = await iq.get(xml('query', { xmlns: NS_REGISTER }));
  } catch (error) {
    throw new RegistrationError(`${domain} does not allow registration from a client (${condition(error)})`, 'refused');
  }
  const children = (fields?.children ?? []).filter((c): c is Element => typeof c !== 'string');
  const wanted = children.map((c) => c.name);
  // §7: a data form may repeat the fields; only a required field beyond name and password
  // (a CAPTCHA, an e-mail address) is more than natter can answer.
  const form = children.find((c) => c.is('x', NS_DATA));
  const required = (form?.getChildren('field') ?? []).filter((f) => f.getChild('required')).map((f) => String(f.attrs.var));
  const extra = [
    ...wanted.filter((name) => !['username', 'password', 'instructions', 'registered', 'x'].includes(name)),
    ...required.filter((name) => !['FORM_TYPE', 'username', 'password'].includes(name)),
  ];
  if (!wanted.includes('username') || !wanted.includes('password') || extra.length > 0) {
    throw new RegistrationError(`${domain} asks for more than a name and a password (${extra.join(', ') || 'a form'}); register on its website instead`, 'unsupported');
  }
  try {
    await iq.set(xml('query', { xmlns: NS_REGISTER }, xml('username', {}, username), xml('password', {}, password)));
  } catch (error) {
    const why = condition(error);
    if (why === 'conflict') throw new RegistrationError(`${username}@${domain} is already taken; choose another name`, 'conflict');
    throw new RegistrationError(`${domain} refused the registration (${why})`, 'refused');
  }
}

function condition(error: unknown): string {
  const e = error as { condition?: string; element?: Element; message?: string };
  if (e.condition) return e.condition;
  const found = e.element?.getChild('error')?.children.find((c): c is Element => typeof c !== 'string' && c.attrs.xmlns === NS_STANZAS);
  return found?.name ?? e.message ?? String(error);
}
