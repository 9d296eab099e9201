/**
 * Diff plumbing: Patchwork's diff/comment state machine ({@link
 * org.patchpipe.parser.diff.DiffSplitter}, R6.4) and its diff hash ({@link
 * org.patchpipe.parser.diff.PatchworkHash}, R8), both bit for bit.
 */
package org.patchpipe.parser.diff;
