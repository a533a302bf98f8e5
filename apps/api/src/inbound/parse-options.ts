/**
 * How a reply is parsed: only its plain text is used (mailparser makes it from the HTML when there is
 * no text part), so no `textAsHtml` is made, nor its links found (linkify-it, the parser's dearest step
 * on a short reply), and `cid:` image links are left alone.
 */
export const PARSE_OPTIONS = { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true } as const;
