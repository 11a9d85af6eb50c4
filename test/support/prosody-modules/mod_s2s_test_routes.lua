-- natter's test harness: server-to-server connections to the domains named in
-- `s2s_test_routes` (domain -> port) go to 127.0.0.1 on that port instead of the address
-- DNS (SRV, then A/AAAA) would give, so federated test servers find each other without
-- DNS or /etc/hosts. Everything else is left to Prosody: TLS, the certificate checks
-- (s2s_secure_auth) and authentication happen exactly as they would after a DNS lookup.
-- Prosody 0.12's mod_s2s asks net.resolvers.service for each new outgoing connection
-- ("xmpp-server", and "xmpps-server" first when direct TLS is set up); that is the one
-- place this module changes, and it puts the original back when unloaded.
module:set_global();

local service = require "net.resolvers.service";
local basic = require "net.resolvers.basic";

local routes = module:get_option("s2s_test_routes", {});
local original_new = service.new;

-- A resolver with no address: the direct-TLS attempt is skipped, the chain goes on.
local nowhere = { next = function(_, cb) cb(nil); end };

function service.new(hostname, srv_name, proto, extra)
	local port = routes[hostname];
	if not port then return original_new(hostname, srv_name, proto, extra); end
	if srv_name ~= "xmpp-server" then return nowhere; end
	module:log("debug", "s2s to %s goes to 127.0.0.1:%d (test route)", hostname, port);
	return basic.new("127.0.0.1", port, proto, extra);
end

function module.unload()
	service.new = original_new;
end
