import { shortImage, versionImages } from '../events/imagesVersion';
import { get, text } from '../events/normalize';
import { JudgedDeploy } from './types';

/** The pod template a Rollout rolls out now: its hash and the images of its containers. */
export interface RolloutTemplate {
  /** `status.currentPodHash`: the hash of the current pod template (the `rollouts-pod-template-hash` label); '' when absent. */
  podHash: string;
  /** `spec.template.spec.containers[].image` and `initContainers[].image`, as written. */
  images: string[];
}

/** Shortest commit prefix taken as naming a commit (git's own default abbreviation). */
const MIN_SHA = 7;

/**
 * The Rollout's current pod template, from the fields the Rollout CRD declares
 * (`status.currentPodHash`, `spec.template`). Pure.
 *
 * @example
 * rolloutTemplateOf(canaryFixture) // { podHash: '65fb5ffc84', images: ['argoproj/rollouts-demo:does-not-exist'] }
 */
export function rolloutTemplateOf(rollout: unknown): RolloutTemplate {
  const images: string[] = [];
  for (const list of ['containers', 'initContainers']) {
    const containers = get(rollout, 'spec', 'template', 'spec', list);
    for (const container of Array.isArray(containers) ? containers : []) {
      const image = text(get(container, 'image')).trim();
      if (image) {
        images.push(image);
      }
    }
  }
  return { podHash: text(get(rollout, 'status', 'currentPodHash')).trim(), images };
}

/** `registry/repo:tag@sha256:d` to its tag and digest (each '' when absent). */
function tagAndDigest(image: string): { tag: string; digest: string } {
  const [named, digest = ''] = image.split('@', 2);
  const last = named.slice(named.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return { tag: colon < 0 ? '' : last.slice(colon + 1), digest };
}

/** `v1.2.3` and `1.2.3` name one release. */
const bare = (name: string): string => name.replace(/^v(?=\d)/, '');

const isSha = (name: string): boolean => name.length >= MIN_SHA && /^[0-9a-f]+$/i.test(name);

/** A tag naming the commit: the sha or a prefix of it, alone or as a part of the tag (`main-3f2a9c1`). */
function tagNamesCommit(tag: string, commit: string): boolean {
  const sha = commit.toLowerCase();
  return tag
    .toLowerCase()
    .split(/[-_.+]/)
    .some((part) => isSha(part) && (sha.startsWith(part) || part.startsWith(sha)));
}

/** A version in the Kubernetes provider's form (imagesVersion) whose every image is one of the template's. */
function namesShortImages(version: string, images: string[]): boolean {
  const short = new Set(images.map(shortImage));
  return versionImages(version).every((name) => /[:@]/.test(name) && short.has(name));
}

/**
 * Whether the template is the judged deploy's: its version is the pod template hash, an image
 * (with or without its path, one or several as the Kubernetes provider lists them), an image's
 * tag or digest; or its commit is named by an image's tag. Pure.
 *
 * @example
 * templateIsDeploy({ podHash: '65fb5ffc84', images: [] }, { version: '65fb5ffc84', commit: '' }) // true
 */
export function templateIsDeploy(template: RolloutTemplate, deploy: JudgedDeploy): boolean {
  const version = deploy.version.trim();
  // A provider's version is often the commit itself (a GitHub deployment's sha).
  const commits = [deploy.commit.trim(), version].filter(isSha);
  if (version && (version === template.podHash || namesShortImages(version, template.images))) {
    return true;
  }
  return template.images.some((image) => {
    const { tag, digest } = tagAndDigest(image);
    const named = version !== '' && (version === image || (tag !== '' && bare(version) === bare(tag)) || (digest !== '' && version === digest));
    return named || (tag !== '' && commits.some((commit) => tagNamesCommit(tag, commit)));
  });
}
