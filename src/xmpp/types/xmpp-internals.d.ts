// Minimal declarations for the xmpp.js 0.14 packages natter composes itself (@types/xmpp__*
// cover only the public client). Only the public shape is declared here: the private members
// natter relies on are typed, and checked, in src/xmpp/session/xmppjs-internals.ts.
declare module '@xmpp/tls/lib/Connection.js' {
  const ConnectionTLS: new (...args: unknown[]) => object;
  export default ConnectionTLS;
}
declare module '@xmpp/tcp/lib/Connection.js' {
  const ConnectionTCP: new (...args: unknown[]) => object;
  export default ConnectionTCP;
}
declare module '@xmpp/tls/lib/Socket.js' {
  import type { EventEmitter } from 'node:events';
  class Socket extends EventEmitter {
    connect(options: object): void;
  }
  export default Socket;
}
declare module '@xmpp/tcp' {
  export default function tcp(deps: { entity: unknown }): void;
}
declare module 'saslmechanisms' {
  // Its own types (@types/saslmechanisms) want response() to return a string; @xmpp/sasl 0.14
  // awaits it, and natter's SCRAM derives its proof asynchronously.
  export default class SASLFactory {
    use(mech: unknown): this;
    use(name: string, mech: unknown): this;
    create(names: string[]): object | null;
  }
}
declare module '@xmpp/events' {
  export function promise(target: unknown, event: string, rejectEvent?: string, timeout?: number): Promise<unknown>;
}
declare module '@xmpp/iq/caller.js' {
  import type { Element } from '@xmpp/xml';
  export interface IqCaller {
    request(iq: Element, timeout?: number): Promise<Element>;
    get(child: Element, to?: string, timeout?: number): Promise<Element | undefined>;
    set(child: Element, to?: string, timeout?: number): Promise<Element | undefined>;
  }
  export default function iqCaller(deps: { middleware: unknown; entity: unknown }): IqCaller;
}
declare module '@xmpp/iq/callee.js' {
  import type { Element } from '@xmpp/xml';
  export interface IqCallee {
    get(ns: string, name: string, handler: (ctx: { stanza: Element }) => unknown): unknown;
    set(ns: string, name: string, handler: (ctx: { stanza: Element }) => unknown): unknown;
  }
  export default function iqCallee(deps: { middleware: unknown; entity: unknown }): IqCallee;
}
