import { createRedactor, createScrubber, Scrubber } from '../http/createScrubber';

/** Every secret the process holds, and what cleans output of all of them. */
export interface HeldSecrets {
  /** Adds secrets as a command reads them; returns the scrubber, which knows them from now on. */
  hold: (secrets: ReadonlyArray<string | undefined>) => Scrubber;
  /** For messages (stderr): secrets in every form, credentials in URLs, token shapes, controls. */
  scrub: Scrubber;
  /** For output that keeps its layout (stdout): the secrets in every form, nothing else. */
  redact: Scrubber;
}

/**
 * The process's one scrubber: a command hands it each secret it reads (a provider's token,
 * Prometheus's credentials), and stdout and stderr both pass it, so no command can print a
 * secret another part of it knows.
 *
 * @example
 * const secrets = holdSecrets();
 * const scrub = secrets.hold([process.env.GITHUB_TOKEN]);
 */
export function holdSecrets(): HeldSecrets {
  const held: string[] = [];
  let scrub = createScrubber();
  let redact = createRedactor([]);
  return {
    hold: (secrets) => {
      held.push(...secrets.filter((s): s is string => typeof s === 'string' && s !== ''));
      scrub = createScrubber(held);
      redact = createRedactor(held);
      return (text) => scrub(text);
    },
    scrub: (text) => scrub(text),
    redact: (text) => redact(text),
  };
}
