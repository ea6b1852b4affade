/** The public half of the mock's ROA request key: every org of the mock verifies signed ROA requests with it. The private half is `test/fixtures/roaTestKey.pem`; it signs nothing real. */
export const ROA_TEST_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1+RcJ+5oYAXQJ6Q/pBIt
lCOZejqEBOrYD2z7oWMz1TBx96q/TArs9OBDIyhe0MvIgwIYECmFjPBnxRpcC58S
R4HzD62kPD9LOH3MJb54LEsH7tKkpZryqeph2eOKY0J1Ot91JwaNXQhY2rOPuVSr
jlBLIrDOI2VSE1uRSjQVoLdGc9D2v58tKASPP2lPCNvVF/lj5f+FnzItKchMbgwK
9oVbB1UCNvZIuEuZ1Kvt4psk6WeaeGFHUia1OxInSTcp1vd6H6dsoSYF0pIV/e7V
oFBWQYXBXIHXjtsJPiAoM6tLEfq8/tNfH9JBt/h4aGwXcc100xePg0lunSqFi9kj
lwIDAQAB
-----END PUBLIC KEY-----
`;
