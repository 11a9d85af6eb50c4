import { promises as dns, type SrvRecord } from 'node:dns';

export interface Endpoint {
  host: string;
  port: number;
  /** TLS from the first byte (XEP-0368), else STARTTLS. */
  directTls: boolean;
}

export type SrvResolver = (name: string) => Promise<SrvRecord[]>;

/**
 * Where to connect for `domain` (RFC 6120 §3.2, XEP-0368): the `_xmpps-client` (direct TLS)
 * and `_xmpp-client` (STARTTLS) SRV records together, by priority, direct TLS first at equal
 * priority, then by weight; a "." target means the service is not offered there. Without
 * records: the domain itself on 5222 (§3.2.2 fallback).
 */
export async function resolveEndpoints(domain: string, resolveSrv: SrvResolver = (name) => dns.resolveSrv(name)): Promise<Endpoint[]> {
  const lookup = (name: string) => resolveSrv(name).catch(() => [] as SrvRecord[]);
  const [tls, plain] = await Promise.all([lookup(`_xmpps-client._tcp.${domain}`), lookup(`_xmpp-client._tcp.${domain}`)]);
  const records = [
    ...tls.map((r) => ({ ...r, directTls: true })),
    ...plain.map((r) => ({ ...r, directTls: false })),
  ].filter((r) => r.name !== '.' && r.name !== '' && r.port > 0);
  if (records.length === 0) return [{ host: domain, port: 5222, directTls: false }];
  records.sort((a, b) => a.priority - b.priority || Number(b.directTls) - Number(a.directTls) || b.weight - a.weight);
  return records.map((r) => ({ host: r.name.replace(/\.$/, ''), port: r.port, directTls: r.directTls }));
}
