package org.rispacs.hl7.inbound;

import java.nio.charset.Charset;

/**
 * @param application    our MSH-3 in acknowledgements
 * @param facility       our MSH-4 in acknowledgements
 * @param defaultCharset how to decode a message whose MSH-18 is empty
 * @param maxMessageSize the largest message processed, in bytes
 */
public record InboundSettings(String application, String facility, Charset defaultCharset, int maxMessageSize) {
}
