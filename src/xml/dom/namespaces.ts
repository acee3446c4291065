/** The namespace the `xml` prefix is permanently bound to. */
export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** The namespace of `xmlns` and `xmlns:*` attributes; it can never be declared. */
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
