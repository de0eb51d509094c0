package org.rispacs.command.common;

import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.RefusalCode;

/** Guards used by the aggregates to refuse a command with a typed reason. */
public final class Refusals {

    private Refusals() {
    }

    public static void require(boolean condition, RefusalCode code, String message) {
        if (!condition) {
            throw new CommandRefusedException(code, message);
        }
    }

    public static void requireText(String value, String what) {
        require(value != null && !value.isBlank(), RefusalCode.INVALID, what + " is required");
    }

    public static CommandRefusedException illegalTransition(String message) {
        return new CommandRefusedException(RefusalCode.ILLEGAL_TRANSITION, message);
    }
}
