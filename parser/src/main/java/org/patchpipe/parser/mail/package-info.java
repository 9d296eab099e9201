/**
 * Mail plumbing: the byte-level header scan and MIME walk ({@link
 * org.patchpipe.parser.mail.MimeWalker}, R0.1), Python's text and codec semantics ({@link
 * org.patchpipe.parser.mail.PythonText}, {@link org.patchpipe.parser.mail.PythonCharsets}, R0.2),
 * header cleaning ({@link org.patchpipe.parser.mail.HeaderCleaner}, R0.3), the From rules ({@link
 * org.patchpipe.parser.mail.SubmitterParser}, R3), dates (R4), and the stored and rendered header
 * block (R12). Public so that other modules may call the pieces directly.
 */
package org.patchpipe.parser.mail;
