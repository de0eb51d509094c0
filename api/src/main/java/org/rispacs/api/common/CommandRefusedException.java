package org.rispacs.api.common;

/** A command the domain will not carry out, with a typed reason and a message for people. */
public class CommandRefusedException extends RuntimeException {

    private final RefusalCode code;

    public CommandRefusedException(RefusalCode code, String message) {
        super(message);
        this.code = code;
    }

    public RefusalCode code() {
        return code;
    }
}
