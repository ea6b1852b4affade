/**
 * The method a request is handled as: HEAD is answered as GET is, without the body (Node's HTTP
 * layer leaves the body out of a HEAD answer and keeps its Content-Length).
 */
export const handledMethod = (method: string | undefined): string =>
  method === 'HEAD' ? 'GET' : (method ?? 'GET');
