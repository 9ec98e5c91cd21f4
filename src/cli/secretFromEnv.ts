import { UsageError } from './readInputs';

/** A name as environment variables are conventionally written (GRAFANA_TOKEN): safe to show. */
const SHOWN_NAME = /^[A-Z_][A-Z0-9_]{0,63}$/;

/**
 * The secret held by the environment variable that `--flag` names, trimmed. A missing one is
 * a usage error naming the variable only when the name looks like one: a token pasted in its
 * place (a common slip) would otherwise be printed in the job's log.
 */
export function secretFromEnv(env: Record<string, string | undefined>, flag: string, name: string): string {
  const value = env[name]?.trim();
  if (!value) {
    throw new UsageError(
      SHOWN_NAME.test(name)
        ? `the environment variable ${name} named by --${flag} is empty or unset`
        : `the environment variable named by --${flag} is empty or unset (not shown: --${flag} takes the NAME of a variable, such as GRAFANA_TOKEN, not the secret itself)`
    );
  }
  return value;
}
