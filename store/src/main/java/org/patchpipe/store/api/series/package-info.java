/** {@code /series/}: series with their cover letter and patches, list and detail. */
package org.patchpipe.store.api.series;
