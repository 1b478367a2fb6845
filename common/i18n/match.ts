/** The tag among `tags` for `locale`: the same tag, else the same primary language (BCP 47). */
export function matchLanguageTag(tags: readonly string[], locale: string): string | undefined {
  const lower = locale.toLowerCase();
  return tags.find((tag) => tag.toLowerCase() === lower) ?? tags.find((tag) => tag.toLowerCase().split("-")[0] === lower.split("-")[0]);
}
