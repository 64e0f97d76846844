/**
 * Group messages on Android, iOS, macOS and 4.x start with the sender: `wxid_xxx:\n` + body (formats-cn.md
 * §6–§8). Splits it off when the prefix looks like a username; otherwise the content is left whole.
 */
export function splitSenderPrefix(content: string): { sender?: string; body: string } {
  const i = content.indexOf(":\n");
  if (i <= 0 || i > 80) return { body: content };
  const sender = content.slice(0, i);
  // A username has no spaces, no markup and no line break; XML bodies start with "<".
  if (!/^[A-Za-z0-9_\-.@]+$/.test(sender)) return { body: content };
  return { sender, body: content.slice(i + 2) };
}
