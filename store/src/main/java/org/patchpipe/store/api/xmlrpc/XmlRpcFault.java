package org.patchpipe.store.api.xmlrpc;

/**
 * A call that failed, answered as an XML-RPC {@code <fault>} (HTTP 200), as Patchwork's dispatcher
 * answers every exception a method raises: code 1 and the string
 * {@code <class 'TYPE'>:MESSAGE}, where TYPE is the Python exception's class. The fault
 * strings are Patchwork's so scripts that match on them keep working.
 */
public final class XmlRpcFault extends RuntimeException {
  private final int code;

  private XmlRpcFault(int code, String faultString) {
    super(faultString, null, false, false);
    this.code = code;
  }

  /** Patchwork's wrapping of a Python exception of class {@code pythonClass} with {@code message}. */
  public static XmlRpcFault of(String pythonClass, String message) {
    return new XmlRpcFault(1, "<class '" + pythonClass + "'>:" + message);
  }

  /** A fault as a server sent it. */
  public static XmlRpcFault received(int code, String faultString) {
    return new XmlRpcFault(code, faultString);
  }

  /** {@code raise Exception(message)}, as Patchwork's methods do for refusals. */
  public static XmlRpcFault exception(String message) {
    return of("Exception", message);
  }

  /** A method called with arguments Python would refuse ({@code TypeError}). */
  public static XmlRpcFault typeError(String message) {
    return of("TypeError", message);
  }

  /** Django's {@code Model.DoesNotExist} from {@code objects.get()}. */
  public static XmlRpcFault doesNotExist(String model) {
    return of("patchwork.models." + model + ".DoesNotExist", model + " matching query does not exist.");
  }

  /** A request body that is not an XML-RPC call (Python's {@code ExpatError} or {@code ResponseError}). */
  public static XmlRpcFault malformed(String message) {
    return of("xml.parsers.expat.ExpatError", message);
  }

  public int code() {
    return code;
  }

  public String faultString() {
    return getMessage();
  }
}
