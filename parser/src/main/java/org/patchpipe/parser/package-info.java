/**
 * The parser: raw mail bytes in, Patchwork's records out. {@link org.patchpipe.parser.MailParser} is
 * the porcelain; the sub-packages hold the plumbing (headers, subject, diff, series) that anyone may
 * call directly. Depends on the JDK only: no Kafka, SQL, HTTP, files, clock or environment.
 */
package org.patchpipe.parser;
