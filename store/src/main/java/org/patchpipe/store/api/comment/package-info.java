/** {@code /patches/<id>/comments/} and {@code /covers/<id>/comments/}: replies to a patch or cover. */
package org.patchpipe.store.api.comment;
