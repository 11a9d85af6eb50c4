/**
 * Schema versions, applied in order inside one transaction each; PRAGMA user_version holds
 * the number applied. Never edit a published step: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: messages with full-text search (external-content FTS5 kept in sync by triggers).
  `CREATE TABLE messages (
     id INTEGER PRIMARY KEY,
     account TEXT NOT NULL,
     peer TEXT NOT NULL,
     direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
     sender TEXT,
     body TEXT NOT NULL,
     at INTEGER NOT NULL,
     received_at INTEGER NOT NULL,
     stanza_id TEXT,
     origin_id TEXT,
     message_id TEXT,
     replaces INTEGER REFERENCES messages(id),
     delivery TEXT NOT NULL DEFAULT 'none'
   );
   CREATE INDEX messages_conversation ON messages (account, peer, at, id);
   CREATE UNIQUE INDEX messages_stanza_id ON messages (account, peer, stanza_id) WHERE stanza_id IS NOT NULL;
   CREATE UNIQUE INDEX messages_origin_id ON messages (account, peer, direction, origin_id) WHERE origin_id IS NOT NULL;
   CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='id', tokenize='unicode61');
   CREATE TRIGGER messages_ai AFTER INSERT ON messages BEGIN
     INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
   END;
   CREATE TRIGGER messages_ad AFTER DELETE ON messages BEGIN
     INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
   END;
   CREATE TRIGGER messages_au AFTER UPDATE OF body ON messages BEGIN
     INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
     INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
   END;`,
  // 2: the outbox: outgoing messages the server has not acknowledged yet, found without a scan.
  `CREATE INDEX messages_outbox ON messages (account, at, id) WHERE direction = 'out' AND delivery = 'pending';`,
  // 3: where MAM catch-up resumes: the newest archive id (XEP-0359 stanza-id) seen per account.
  `CREATE TABLE archive_cursor (account TEXT PRIMARY KEY, last_id TEXT NOT NULL, at INTEGER NOT NULL);`,
  // 4: how far each conversation has been read, so unread counts survive a restart.
  `CREATE TABLE read_marker (account TEXT NOT NULL, peer TEXT NOT NULL, last_read INTEGER NOT NULL, PRIMARY KEY (account, peer));`,
  // 5: new messages reach the FTS index from MessageHistory, one INSERT ... SELECT for the rows
  // of a transaction, before it commits: the trigger ran a statement per row, half of an insert.
  `DROP TRIGGER messages_ai;`,
  // 6: what kind of conversation a message is in: a one-to-one chat (private messages through a
  // room included), or a room's groupchat. The outbox resends only chat messages: a room message
  // sent as a one-to-one chat to the room's JID is refused, or worse. Rooms already stored are
  // found by their incoming rows, whose sender is a nick rather than a JID.
  `ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'chat' CHECK (kind IN ('chat', 'groupchat'));
   UPDATE messages SET kind = 'groupchat' WHERE instr(peer, '/') = 0 AND peer IN
     (SELECT DISTINCT peer FROM messages WHERE direction = 'in' AND sender IS NOT NULL AND instr(sender, '@') = 0);`,
  // 7: the time of the message the archive cursor names: what the archive gives after it came
  // later, so a catch-up places nothing before it (client/archive/archive-order.ts).
  `ALTER TABLE archive_cursor ADD COLUMN message_at INTEGER;`,
];
