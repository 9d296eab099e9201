/** {@code /events/}: Patchwork's event log, newest first, with each category's payload. */
package org.patchpipe.store.api.event;
