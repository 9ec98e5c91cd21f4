import { chromiumMissingMessage } from './chromium';

export default function globalSetup() {
  const missing = chromiumMissingMessage();
  if (missing) {
    console.error(missing);
    process.exit(1);
  }
}
