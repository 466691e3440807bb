/** The injection token of the parsed OpenAPI document (api/openapi.yaml). */
export const OPENAPI_DOCUMENT = Symbol("OPENAPI_DOCUMENT");
