import fs from 'fs';

/** The system Chromium (Debian's package) or CHROMIUM_PATH; a browser is never downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags this machine needs: no sandbox as root, and no background network (the network is closed). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function chromiumMissingMessage(): string | null {
  if (fs.existsSync(CHROMIUM_PATH)) {
    return null;
  }
  return `No Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install chromium\` or set CHROMIUM_PATH to a Chromium binary. The browser tests never download a browser.`;
}
