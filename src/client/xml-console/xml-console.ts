import { sanitizeLine, sanitizeText } from '../../domain/sanitize.js';
import { tabIdOf } from '../../domain/tab-address.js';
import type { Store } from '../../store/create-store.js';
import type { XmlTraceEntry } from '../../xmpp/features/xml-console/trace.js';

/** A stanza longer than this shows its start and how much was left out (a flood of 100 KB bodies stays readable). */
export const MAX_XML_CHARS = 4000;

/**
 * The XML console of one account: a tab that shows each element in (←) and out (→) as it
 * passes, from when it is opened until it is closed. Returns the sink for the account's
 * trace; it ends the trace itself (`stop`) once the tab is closed.
 */
export function openXmlConsole(store: Store, account: string, stop: () => void): (entry: XmlTraceEntry) => void {
  const tabId = tabIdOf({ kind: 'xml', account });
  store.dispatch({ type: 'tab/open', id: tabId, kind: 'xml', title: `xml ${sanitizeLine(account)}`, focus: true });
  store.dispatch({
    type: 'line/append',
    tabId,
    kind: 'info',
    text: `XML of ${account} from now on (← received, → sent; passwords and SASL data hidden). /close ends it.`,
  });
  return (entry) => {
    if (!store.getState().tabs.some((t) => t.id === tabId)) {
      stop();
      return;
    }
    const over = entry.xml.length - MAX_XML_CHARS;
    const text = over > 0 ? `${entry.xml.slice(0, MAX_XML_CHARS)} … (${over} more characters)` : entry.xml;
    store.dispatch({ type: 'line/append', tabId, kind: 'info', text: `${entry.direction === 'in' ? '←' : '→'} ${sanitizeText(text)}` });
  };
}
