package org.sipladder.source.homer;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * The JSON bodies homer-app's handlers bind ({@code model.SearchObject}): the search form's elements under
 * {@code param.search["1_call"]} (SIP calls, HEP protocol 1), the database nodes to ask under
 * {@code param.location.node} (a node not listed is skipped), and the time range in Unix milliseconds.
 */
final class HomerRequests {

    /** Homer's search-form key for SIP call messages (HEP protocol 1, profile "call"). */
    static final String CALL_PROFILE = "1_call";

    private HomerRequests() {
    }

    static JsonObject login(HomerLogin login) {
        JsonObject body = new JsonObject();
        body.addProperty("username", login.user());
        body.addProperty("password", login.password());
        return body;
    }

    /**
     * A call search. A number matches the From, To or Request-URI user ({@code "||"} before a value makes Homer
     * join it with OR); a Call-ID alone is searched by Call-ID (with a number as well, the number is checked on
     * the answer, since Homer's OR would bind looser than the AND with the Call-ID). The limit element goes last:
     * homer-app's query builder starts its SQL at the first element it sees, and {@code limit} is one.
     */
    static JsonObject search(HomerQuery query, List<String> nodes) {
        JsonArray elements = new JsonArray();
        if (query.callId() != null) {
            elements.add(element("data_header.callid", query.callId()));
        } else if (query.number() != null) {
            elements.add(element("data_header.from_user", query.number()));
            elements.add(element("data_header.to_user", "||" + query.number()));
            elements.add(element("data_header.ruri_user", "||" + query.number()));
        }
        elements.add(element("limit", Integer.toString(query.limit())));
        JsonObject search = new JsonObject();
        search.add(CALL_PROFILE, elements);
        JsonObject param = param(search, nodes);
        param.addProperty("limit", query.limit());
        param.add("transaction", new JsonObject());
        param.addProperty("orlogic", false);
        return withTime(param, query.range());
    }

    /**
     * The calls with these Call-IDs and the legs Homer's correlation mapping joins to them: the body of
     * {@code /call/transaction} and of {@code /export/call/messages/pcap}.
     */
    static JsonObject transaction(List<String> callIds, TimeRange range, List<String> nodes) {
        JsonObject call = new JsonObject();
        call.addProperty("id", 0);
        JsonArray ids = new JsonArray();
        callIds.forEach(ids::add);
        call.add("callid", ids);
        call.add("uuid", new JsonArray());
        JsonObject search = new JsonObject();
        search.add(CALL_PROFILE, call);
        JsonObject param = param(search, nodes);
        JsonObject transaction = new JsonObject();
        transaction.addProperty("call", true);
        transaction.addProperty("registration", false);
        transaction.addProperty("rest", false);
        param.add("transaction", transaction);
        return withTime(param, range);
    }

    private static JsonObject element(String name, String value) {
        JsonObject e = new JsonObject();
        e.addProperty("name", name);
        e.addProperty("value", value);
        e.addProperty("type", "string");
        e.addProperty("hepid", 1);
        return e;
    }

    private static JsonObject param(JsonObject search, List<String> nodes) {
        JsonObject param = new JsonObject();
        param.add("search", search);
        JsonObject location = new JsonObject();
        JsonArray node = new JsonArray();
        nodes.forEach(node::add);
        location.add("node", node);
        param.add("location", location);
        JsonObject timezone = new JsonObject();
        timezone.addProperty("value", 0);
        timezone.addProperty("name", "UTC");
        param.add("timezone", timezone);
        return param;
    }

    private static JsonObject withTime(JsonObject param, TimeRange range) {
        JsonObject timestamp = new JsonObject();
        timestamp.addProperty("from", range.from().toEpochMilli());
        timestamp.addProperty("to", range.to().toEpochMilli());
        JsonObject body = new JsonObject();
        body.add("param", param);
        body.add("timestamp", timestamp);
        return body;
    }
}
