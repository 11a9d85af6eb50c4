import type { Element } from '@xmpp/xml';
import { buildClientState, offersCsi, type ClientState } from '../../xmpp/features/csi/csi.js';

/** The session XEP-0352 speaks on: whether its server offered CSI, and a way to send it. */
export interface CsiSessionPort {
  /** The server offered CSI in this session's stream features (XEP-0352 §4.1). */
  offered(): boolean;
  send(element: Element): Promise<void>;
}

export interface ClientStateIndication {
  /** The person looks at natter (active) or not (inactive): told to the server where it takes it. */
  set(state: ClientState): void;
  /** A session is up, fresh or resumed: it starts active, so an inactive state is told again. */
  sessionStarted(port: CsiSessionPort): void;
  /** The session is gone: nothing is sent until the next one. */
  sessionEnded(): void;
  /** What the server was last told on the current session ('active' when nothing was). */
  told(): ClientState;
}

/**
 * One account's Client State Indication (XEP-0352): while the terminal has lost focus the
 * server may hold back what is not urgent (presence updates, chat states), and it sends them
 * when natter says it is active again. Only where the server offers CSI: elsewhere nothing is
 * sent (an unknown top-level element could end the stream). `onTold` hears each change of
 * what the server was told (the status line shows it).
 */
export function clientStateIndication(onTold: (state: ClientState) => void = () => undefined): ClientStateIndication {
  let wanted: ClientState = 'active';
  let told: ClientState = 'active';
  let port: CsiSessionPort | undefined;
  const setTold = (state: ClientState): void => {
    if (state === told) return;
    told = state;
    onTold(state);
  };
  const tell = (): void => {
    if (!port?.offered() || told === wanted) return;
    setTold(wanted);
    // A send that fails ends the session; the next one starts active and is told again.
    void port.send(buildClientState(wanted)).catch(() => undefined);
  };
  return {
    set(state): void {
      wanted = state;
      tell();
    },
    sessionStarted(next): void {
      // XEP-0352 §4.2: "A stream always begins in 'active' state"; §5.2: the state is not
      // restored when a stream is resumed (XEP-0198), so a resumed one starts active too.
      port = next;
      setTold('active');
      tell();
    },
    sessionEnded(): void {
      port = undefined;
      setTold('active');
    },
    told: () => told,
  };
}

/** Whether the server offers CSI, read from the stream features of each (re)login (the last ones win: after authentication). */
export function watchCsiOffer(client: { on(event: 'nonza', listener: (element: Element) => void): unknown }): () => boolean {
  let offered = false;
  client.on('nonza', (element) => {
    const offers = offersCsi(element);
    if (offers !== undefined) offered = offers;
  });
  return () => offered;
}
