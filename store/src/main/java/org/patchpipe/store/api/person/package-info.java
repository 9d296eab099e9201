/** {@code /people/}: mail authors; Patchwork shows them to logged-in users only. */
package org.patchpipe.store.api.person;
