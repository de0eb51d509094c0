package org.rispacs.app.security;

import org.springframework.security.authorization.AuthorizationDecision;

/** A bearer token's scopes do not allow the request: why, for the 403 OperationOutcome and the challenge. */
final class ScopeRefusal extends AuthorizationDecision {

    private final String reason;

    ScopeRefusal(String reason) {
        super(false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
