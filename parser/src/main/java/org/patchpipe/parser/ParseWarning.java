package org.patchpipe.parser;

/**
 * Something about a mail that the parser noticed and worked around instead of rejecting it: a rule
 * id ({@code R1.1}, {@code limits}), and a message for humans. Immutable.
 */
public record ParseWarning(String ruleId, String message) {}
