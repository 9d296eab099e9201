/**
 * Patchwork's legacy XML-RPC interface at {@code /xmlrpc/}, the default backend of
 * {@code pwclient}: the methods of Patchwork's {@code patchwork/views/xmlrpc.py} with its dict
 * shapes and its faults, over the store's repositories.
 *
 * <p>No XML-RPC library is used: Apache XML-RPC, the only Java one of note, has had no release since
 * 3.1.3 in 2010 and its repository was retired in 2013, so a small strict codec lives here
 * ({@link org.patchpipe.store.api.xmlrpc.XmlRpcReader}, {@link org.patchpipe.store.api.xmlrpc.XmlRpcWriter})
 * on the JDK's StAX parser with DTDs and external entities off. Writes go through the same
 * repositories as the REST API's patch {@code PATCH} and check {@code POST}, so they record the
 * same events.
 */
package org.patchpipe.store.api.xmlrpc;
