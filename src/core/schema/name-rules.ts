/**
 * Names the providers read, held to the strictest rule among them so that a request valid for one
 * provider stays valid for any other it is routed to.
 */

/**
 * Tool names: OpenAI takes 1-64 characters of `a-z A-Z 0-9 _ -`; Gemini also wants a letter or
 * an underscore first (Anthropic's rule is OpenAI's).
 */
export const TOOL_NAME = /^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/;
export const TOOL_NAME_RULE =
  "must start with a letter or _ and be 1-64 characters of a-z, A-Z, 0-9, _ or - (Gemini wants a letter or _ first, OpenAI at most 64 of these characters): rename the tool";

/** `responseFormat.name`: OpenAI's `json_schema.name`, 1-64 characters of `a-z A-Z 0-9 _ -`. */
export const SCHEMA_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
export const SCHEMA_NAME_RULE = 'must be 1-64 characters of a-z, A-Z, 0-9, _ or - (OpenAI\'s rule for json_schema.name): use "city_info", not "city info"';
