package org.rispacs.app.support;

import org.springframework.web.client.RestClient;

/**
 * The REST API as an integration calls it: HTTP Basic with the integration account that
 * {@link TestProperties#integrationUser} configures in every test context.
 */
public final class TestApi {

    public static final String USER = "it-integration";
    public static final String PASSWORD = "it-integration-secret";
    /** Every role, so that the tests of each endpoint family can use one account. */
    public static final String ROLES = "RADIOLOGIST,TECHNOLOGIST,BILLING,AUDITOR,ADMIN";

    private TestApi() {
    }

    public static RestClient.Builder builder(int port) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(USER, PASSWORD));
    }

    public static RestClient client(int port) {
        return builder(port).build();
    }
}
