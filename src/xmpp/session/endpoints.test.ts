import type { SrvRecord } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { resolveEndpoints } from './endpoints.js';

const srv = (records: Record<string, SrvRecord[]>) => async (name: string) => {
  const found = records[name];
  if (!found) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
  return found;
};

describe('resolveEndpoints', () => {
  it('merges _xmpps-client and _xmpp-client by priority, direct TLS first, then weight', async () => {
    const endpoints = await resolveEndpoints('example.org', srv({
      '_xmpps-client._tcp.example.org': [{ name: 'tls.example.org', port: 443, priority: 10, weight: 0 }],
      '_xmpp-client._tcp.example.org': [
        { name: 'b.example.org.', port: 5222, priority: 10, weight: 5 },
        { name: 'a.example.org', port: 5222, priority: 5, weight: 0 },
        { name: 'c.example.org', port: 5222, priority: 10, weight: 50 },
      ],
    }));
    expect(endpoints).toEqual([
      { host: 'a.example.org', port: 5222, directTls: false },
      { host: 'tls.example.org', port: 443, directTls: true },
      { host: 'c.example.org', port: 5222, directTls: false },
      { host: 'b.example.org', port: 5222, directTls: false },
    ]);
  });

  it('falls back to the domain on 5222 without records, and honours "." (no service)', async () => {
    expect(await resolveEndpoints('example.org', srv({}))).toEqual([{ host: 'example.org', port: 5222, directTls: false }]);
    expect(await resolveEndpoints('example.org', srv({ '_xmpps-client._tcp.example.org': [{ name: '.', port: 0, priority: 0, weight: 0 }] }))).toEqual([
      { host: 'example.org', port: 5222, directTls: false },
    ]);
  });
});
