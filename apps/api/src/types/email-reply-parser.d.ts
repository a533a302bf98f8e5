/** email-reply-parser 1.x ships no types: the part we use. */
declare module 'email-reply-parser' {
  interface Email {
    getVisibleText(options?: { aggressive?: boolean }): string;
  }
  export default class EmailReplyParser {
    read(text: string): Email;
    parseReply(text: string): string;
  }
}
