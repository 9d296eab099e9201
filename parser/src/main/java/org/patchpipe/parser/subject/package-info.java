/**
 * Subject plumbing (R5): {@link org.patchpipe.parser.subject.SubjectParser} turns a raw Subject
 * header into Patchwork's stored name, prefixes, reply flag, series marker and version.
 */
package org.patchpipe.parser.subject;
