package org.patchpipe.store.db;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A patch or cover letter as a download (mbox, raw diff) needs it, read by
 * {@link SubmissionRepository}. Immutable.
 *
 * @param id the patch or cover id
 * @param name the stored name, for the file name
 * @param date the stored date (UTC)
 * @param submitterName the submitter's name, may be null or empty
 * @param submitterEmail the submitter's address
 * @param delegateEmail the delegate's address, or null (never for covers)
 * @param headers the stored header block
 * @param content the stored content, may be null
 * @param diff the stored diff, or null (always for covers)
 * @param listEmail the project's list address (DMARC-munged From is replaced)
 * @param commentContents the contents of its comments in date order
 */
public record Submission(
    long id,
    String name,
    LocalDateTime date,
    String submitterName,
    String submitterEmail,
    String delegateEmail,
    String headers,
    String content,
    String diff,
    String listEmail,
    List<String> commentContents) {}
