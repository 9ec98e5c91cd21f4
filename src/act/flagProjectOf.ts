/**
 * The project a flag change names in its `project:` tag (Unleash and LaunchDarkly events carry
 * one), trimmed; undefined when it names none. The one reading of it for the panel's target and
 * for finding later changes of the same flag, so the two agree on which project is meant.
 *
 * @example
 * flagProjectOf(['project:default', 'flag:semantic-search']) // 'default'
 */
export function flagProjectOf(tags: readonly string[]): string | undefined {
  return tags
    .find((t) => t.startsWith('project:'))
    ?.slice('project:'.length)
    .trim();
}
