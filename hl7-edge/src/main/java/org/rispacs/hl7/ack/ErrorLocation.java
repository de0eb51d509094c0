package org.rispacs.hl7.ack;

/** Where in the message an error is (ERR-2, data type ERL): segment, its repetition, field, component. */
public record ErrorLocation(String segment, int segmentRepetition, int field, int component) {

    public static ErrorLocation field(String segment, int field) {
        return new ErrorLocation(segment, 1, field, 0);
    }

    public static ErrorLocation component(String segment, int field, int component) {
        return new ErrorLocation(segment, 1, field, component);
    }

    public ErrorLocation inRepetition(int repetition) {
        return new ErrorLocation(segment, repetition, field, component);
    }
}
