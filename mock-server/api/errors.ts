// Octopus-shaped error bodies and the server's stable error codes. Every error the server sends is an
// ApiError: an HTTP status, an Octopus body (ErrorMessage + Errors[]) and an OCTOBENCH_ERR_API_* code
// sent in the `X-Octobench-Error-Code` header (the body stays exactly as Octopus shapes it).

export const API_ERROR_CODES = {
  OCTOBENCH_ERR_API_VALIDATION: { status: 400, meaning: 'The request is invalid; Errors lists every problem.' },
  OCTOBENCH_ERR_API_MALFORMED_BODY: { status: 400, meaning: 'The body is not valid JSON (or not a JSON object).' },
  OCTOBENCH_ERR_API_BAD_REQUEST: { status: 400, meaning: 'The request is malformed at the HTTP level (URL encoding, content length).' },
  OCTOBENCH_ERR_API_UNAUTHORIZED: { status: 401, meaning: 'No API key, or a wrong one.' },
  OCTOBENCH_ERR_API_NOT_FOUND: { status: 404, meaning: 'An id or name in the route or body does not exist; the message names it.' },
  OCTOBENCH_ERR_API_ROUTE_NOT_FOUND: { status: 404, meaning: 'No such route.' },
  OCTOBENCH_ERR_API_CONFLICT: { status: 409, meaning: 'The resource already exists (for example a release version).' },
  OCTOBENCH_ERR_API_BODY_TOO_LARGE: { status: 413, meaning: 'The body is larger than the server accepts.' },
  OCTOBENCH_ERR_API_URI_TOO_LONG: { status: 414, meaning: 'A path segment is longer than the router accepts.' },
  OCTOBENCH_ERR_API_UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'The body has a content type the route does not accept.' },
  OCTOBENCH_ERR_API_INTERNAL: { status: 500, meaning: 'A bug in the reference server.' },
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

export const ERROR_CODE_HEADER = 'x-octobench-error-code';

/** The body Octopus sends with an error (octopus-api.md §0 #10). */
export interface OctopusErrorBody {
  ErrorMessage: string;
  Errors: string[];
  ParsedHelpLinks: string[];
  HelpText: string | null;
  HelpLink: string | null;
  Details: unknown;
  FullException: string | null;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly statusCode: number;
  readonly errors: string[];

  constructor(code: ApiErrorCode, message: string, errors: string[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.statusCode = API_ERROR_CODES[code].status;
    this.errors = errors;
  }

  body(): OctopusErrorBody {
    return {
      ErrorMessage: this.message,
      Errors: this.errors.length > 0 ? this.errors : [this.message],
      ParsedHelpLinks: [],
      HelpText: null,
      HelpLink: null,
      Details: null,
      FullException: null,
    };
  }
}

export const notFound = (what: string, idOrName: string): ApiError =>
  new ApiError('OCTOBENCH_ERR_API_NOT_FOUND', `The resource '${idOrName}' (${what}) was not found.`);

export const validationFailed = (problems: string[]): ApiError =>
  new ApiError('OCTOBENCH_ERR_API_VALIDATION', 'There was a problem with your request.', problems);

export const conflict = (message: string): ApiError => new ApiError('OCTOBENCH_ERR_API_CONFLICT', message);
