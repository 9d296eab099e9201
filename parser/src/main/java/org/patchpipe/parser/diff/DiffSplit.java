package org.patchpipe.parser.diff;

/**
 * A text part split by {@link DiffSplitter} (R6.4): the diff and the comment around it, each null
 * where empty.
 */
public record DiffSplit(String diff, String comment) {}
