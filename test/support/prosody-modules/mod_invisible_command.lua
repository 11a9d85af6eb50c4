-- natter's test harness: a small XEP-0186 (Invisible Command, urn:xmpp:invisible:0) for
-- Prosody 0.12, which has none (nor has prosody-modules or ejabberd 23.01), so natter's
-- /invisible can be tested against a real server. Loaded only where a test asks for it
-- (startProsody({ invisibleCommand: true })). Per session, in memory, as §2 says: "Invisible
-- mode is active only for the current session".
--
-- What it implements:
--   §4    the disco#info feature "urn:xmpp:invisible:0".
--   §3.1  <invisible/>: an IQ-result, and "the server MUST send unavailable presence from the
--         specified resource to all contacts who would receive unavailable presence if the
--         client sent unavailable" (the roster's 'from'/'both' contacts and the entities the
--         session sent directed presence to), when the session had sent available presence.
--   §3.1.1 1 "MUST NOT broadcast outbound presence notifications as a result of receiving any
--         subsequent undirected presence notifications from the client"; the same for the
--         answers to contacts' probes and to a new subscription (§3.1.1 7: "as if the account
--         were offline": no answer at all, which a contact reads as offline).
--   §3.1.1 2-6: directed presence, messages and IQs both ways, inbound presence: untouched,
--         the session stays available to the server.
--   §3.2  <visible/>: an IQ-result; the session is visible again. Nothing is broadcast by the
--         server: "it is the responsibility of the client to send an undirected available
--         presence notification to the server" (so a test sees the client do it).
--         Simplified: §3.2 asks the server to treat the session "as equivalent to an active
--         session before receiving initial presence"; here it keeps its presence with the server
--         (contacts are not probed again), so the client's next presence goes out as an update.
-- Not implemented: last-activity (XEP-0012) and disco#items answers for the invisible resource
-- (§3.1.1 7); §3.1.1 8 only as far as mod_presence tracks directed presence (to entities that
-- are not contacts: a contact given directed presence while invisible is not told when the
-- session ends); privacy-list integration (§5).
local st = require "util.stanza";
local jid_bare = require "util.jid".bare;

local xmlns_invisible = "urn:xmpp:invisible:0";
-- Marks a stanza object as a session's undirected (broadcast) presence; never serialized.
local BROADCAST = {};

module:add_feature(xmlns_invisible);

-- Whether `to` would get the session's presence broadcasts (RFC 6121 §4.2.2, §4.4.2).
local function is_broadcast_audience(session, to)
	local item = session.roster and session.roster[jid_bare(to)];
	return item ~= nil and (item.subscription == "both" or item.subscription == "from");
end

module:hook("iq-set/self/"..xmlns_invisible..":invisible", function(event)
	local session = event.origin;
	if session.presence and not session.invisible then
		local unavailable = st.presence({ type = "unavailable", from = session.full_jid });
		for contact, item in pairs(session.roster or {}) do
			if contact and (item.subscription == "both" or item.subscription == "from") then
				unavailable.attr.to = contact;
				module:send(unavailable, session);
			end
		end
		for entity in pairs(session.directed or {}) do
			unavailable.attr.to = entity;
			module:send(unavailable, session);
		end
		session.directed = nil;
	end
	session.invisible = true;
	module:log("debug", "%s is invisible", session.full_jid);
	session.send(st.reply(event.stanza));
	return true;
end);

module:hook("iq-set/self/"..xmlns_invisible..":visible", function(event)
	local session = event.origin;
	session.invisible = nil;
	module:log("debug", "%s is visible", session.full_jid);
	session.send(st.reply(event.stanza));
	return true;
end);

-- Every undirected presence from a client is marked before mod_presence broadcasts it (and keeps
-- it as session.presence, which also answers probes).
module:hook("presence/bare", function(event)
	local session, stanza = event.origin, event.stanza;
	if session.type == "c2s" and stanza.attr.to == nil then stanza[BROADCAST] = true; end
end, 10);

-- A marked presence of an invisible session is dropped on its way to a contact; the user's own
-- resources and entities that got directed presence (not contacts) still get it.
local function withhold_broadcast(event)
	local session, stanza = event.origin, event.stanza;
	if session.invisible and stanza[BROADCAST] and stanza.attr.to and is_broadcast_audience(session, stanza.attr.to) then
		module:log("debug", "withheld presence of invisible %s to %s", session.full_jid, stanza.attr.to);
		return true;
	end
end
module:hook("pre-presence/bare", withhold_broadcast, 10);
module:hook("pre-presence/full", withhold_broadcast, 10);
