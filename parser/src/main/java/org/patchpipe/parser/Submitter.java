package org.patchpipe.parser;

/**
 * A mail's author as Patchwork records the Person (R3): after RFC 2047 decoding and DMARC "via"
 * un-mangling. {@code name} may be null (a bare address) or empty ({@code <j@x.com>}).
 */
public record Submitter(String name, String email) {}
