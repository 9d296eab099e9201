/**
 * Mail plumbing: header scanning and cleaning (R0), dates (R4), and the stored and rendered header
 * block (R12). Public so that other modules may call the pieces directly.
 */
package org.patchpipe.parser.mail;
