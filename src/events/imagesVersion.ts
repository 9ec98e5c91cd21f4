/**
 * How a Kubernetes revision's images name its version, in one place: the provider writes it,
 * and acting on a Rollout reads it back to tell whether the template is the judged deploy's.
 */

/** `registry.example.com/team/payments:1.42.0` → `payments:1.42.0`: the part people name. */
export function shortImage(image: string): string {
  return image.slice(image.lastIndexOf('/') + 1);
}

/**
 * The version of a revision with these images: each without its path, joined by ', '.
 *
 * @example
 * imagesVersion(['ghcr.io/shop/checkout:v2.4.1', 'docker.io/envoyproxy/envoy:v1.28.0']) // 'checkout:v2.4.1, envoy:v1.28.0'
 */
export function imagesVersion(images: readonly string[]): string {
  return images.map(shortImage).join(', ');
}

/** The short images an imagesVersion lists (any other version: itself, as one). */
export function versionImages(version: string): string[] {
  return version.split(',').map((name) => name.trim());
}
