package org.rispacs.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.URI;

/**
 * Builds the official Java client for a node URL, with dates written as ISO-8601 text. Documents
 * may hold fields their views do not show (normalised search keys such as an accession's), so
 * reading a document into a view ignores them.
 */
public final class ElasticsearchClients {

    private ElasticsearchClients() {
    }

    public static ElasticsearchClient connect(URI url) {
        Rest5Client rest = Rest5Client.builder(url).build();
        return new ElasticsearchClient(new Rest5ClientTransport(rest, jsonpMapper()));
    }

    /** How the client turns values into documents and back; a read model kept in memory converts the same way. */
    public static JacksonJsonpMapper jsonpMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return new JacksonJsonpMapper(mapper);
    }
}
