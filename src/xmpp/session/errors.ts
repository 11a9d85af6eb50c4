/** Typed connection failures, each saying what happened and what to do; never a secret. */
export class TlsRequiredError extends Error {
  constructor(where: string) {
    super(`the server at ${where} did not offer STARTTLS; natter requires TLS and did not send the password. Use --direct-tls if the server has a TLS port.`);
    this.name = 'TlsRequiredError';
  }
}

export interface CertificateDetails {
  fingerprint: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  reason: string;
}

/** The server wrote before natter opened its stream: not a server that follows RFC 6120 §4.2. */
export class EarlyDataError extends Error {
  constructor(host: string) {
    super(`the server for ${host} sent data before natter opened its stream; natter disconnected and will try again`);
    this.name = 'EarlyDataError';
  }
}

/** SASL was about to start on a connection that is not verified TLS: nothing was sent. */
export class UnverifiedConnectionError extends Error {
  constructor(where: string) {
    super(`natter did not send the password: the connection to ${where} is not verified TLS`);
    this.name = 'UnverifiedConnectionError';
  }
}

export class CertificateError extends Error {
  constructor(
    readonly host: string,
    readonly details: CertificateDetails,
  ) {
    super(
      `the certificate of ${host} could not be verified (${details.reason}). SHA-256 fingerprint ${details.fingerprint}; ` +
        `issued to ${details.subject} by ${details.issuer}. If you trust it, pin it in the account's pinnedCertificates or pass --ca-file.`,
    );
    this.name = 'CertificateError';
  }
}

export class DowngradeError extends Error {
  constructor(jid: string, offered: string, pinned: string) {
    super(
      `refused to log in: the server offers only ${offered}, weaker than ${pinned} which ${jid} used before (a downgrade attack, or a changed server). ` +
        'If the server really changed, remove "mechanism" from the account in the config file.',
    );
    this.name = 'DowngradeError';
  }
}

/** No password could be had (none stored, the prompt was cancelled, the command failed). */
export class NoPasswordError extends Error {
  constructor(jid: string, reason: string) {
    super(`not connected: ${reason}. /connect ${jid} tries again.`);
    this.name = 'NoPasswordError';
  }
}

/** SCRAM: the server accepted us but could not prove it knows the password (RFC 5802 §5.1). */
export class ServerProofError extends Error {
  constructor(jid: string, reason: string) {
    super(`refused the server for ${jid}: it did not prove it knows the password (${reason}). This can be an impostor; natter disconnected.`);
    this.name = 'ServerProofError';
  }
}

/** SCRAM: the server asked for more PBKDF2 iterations than natter computes (see scram.ts). */
export class ScramIterationsError extends Error {
  constructor(server: string, iterations: number, limit: number) {
    super(
      `refused to log in to ${server}: it asks for ${iterations} SCRAM iterations, more than natter's limit of ${limit} (servers use 4096 to 10000); ` +
        'natter did not compute or send the password proof. A server asking this much can be hostile; if it is yours, lower its iteration count.',
    );
    this.name = 'ScramIterationsError';
  }
}

/** The server stopped answering on a link that looked open (a frozen server, a dead network): natter ended it. */
export class DeadLinkError extends Error {
  /**
   * `heard`: the server went on sending meanwhile, so it no longer reads what natter sends
   * (a link broken one way, or a session the server can not parse any more).
   */
  constructor(where: string, silentMs: number, reconnects: boolean, heard = false) {
    const seconds = Math.round(silentMs / 1000);
    const again = reconnects ? ' and starts a new session' : '';
    super(
      heard
        ? `the server at ${where} stopped reading what natter sends: it went on sending, but nothing answered natter's question whether the link is alive (XEP-0198 <r/>) for ${seconds} s, ` +
            `so natter dropped the link${again}; what was not confirmed is sent again. If this keeps happening, the network on the way to the server loses what natter sends.`
        : `the server at ${where} stopped answering: nothing came back for ${seconds} s after natter asked whether the link is alive (XEP-0198 <r/>), ` +
            `so natter dropped the link${again}. If this keeps happening, the server or the network on the way to it is down.`,
    );
    this.name = 'DeadLinkError';
  }
}

/** An IQ whose answer can no longer come (RFC 6120 §8.2.3 answers are per stream). */
export class IqAbortedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'IqAbortedError';
  }
}

export class AuthenticationError extends Error {
  constructor(jid: string, condition: string) {
    super(`authentication failed: the server rejected the password for ${jid} (${condition}). Check it with "natter account password ${jid}".`);
    this.name = 'AuthenticationError';
  }
}
