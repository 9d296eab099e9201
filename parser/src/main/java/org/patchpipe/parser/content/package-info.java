/**
 * Content plumbing (R6): which text parts count, how they are decoded, how diff and comment are
 * separated and cleaned ({@link org.patchpipe.parser.content.ContentExtractor}), and the pull
 * request URL ({@link org.patchpipe.parser.content.PullRequest}).
 */
package org.patchpipe.parser.content;
