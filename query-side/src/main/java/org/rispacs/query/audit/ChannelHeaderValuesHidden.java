package org.rispacs.query.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.rispacs.api.subscription.SubscriptionChannel;

/**
 * A FHIR subscription's channel as the audit trail stores it: its headers by name only, since a
 * header usually carries the receiver's credentials ({@code Authorization: Bearer ...}), which
 * whoever reads the audit trail must not learn.
 */
final class ChannelHeaderValuesHidden extends StdSerializer<SubscriptionChannel> {

    static final String HIDDEN = "***";

    private ChannelHeaderValuesHidden() {
        super(SubscriptionChannel.class);
    }

    static SimpleModule module() {
        return new SimpleModule("audit-channel-headers").addSerializer(new ChannelHeaderValuesHidden());
    }

    @Override
    public void serialize(SubscriptionChannel channel, JsonGenerator json, SerializerProvider provider)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("endpoint", channel.endpoint());
        json.writeArrayFieldStart("headers");
        for (String header : channel.headers()) {
            int colon = header == null ? -1 : header.indexOf(':');
            json.writeString(colon < 0 ? HIDDEN : header.substring(0, colon) + ": " + HIDDEN);
        }
        json.writeEndArray();
        json.writeStringField("contentType", channel.contentType());
        json.writeStringField("payload", channel.payload() == null ? null : channel.payload().name());
        json.writeEndObject();
    }
}
