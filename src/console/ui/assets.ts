import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the console's static files are served: by the console's app locally, from S3 by CloudFront on AWS. */
export const CONSOLE_ASSETS_PATH = "/console/assets";

const require = createRequire(import.meta.url);
const own = (name: string) => fileURLToPath(new URL(`./assets/${name}`, import.meta.url));

/**
 * Every static file the pages link, by its served name: the libraries' own builds from node_modules
 * and the console's stylesheet. `npm run build` copies exactly these to `dist/console/assets/` for the
 * S3 bucket; the local process serves them from here (read when asked: a Lambda bundle has no
 * node_modules and never serves them).
 */
export function consoleAssets(): Readonly<Record<string, { readonly file: string; readonly type: string }>> {
  return {
    "pico.min.css": { file: require.resolve("@picocss/pico/css/pico.min.css"), type: CSS },
    "console.css": { file: own("console.css"), type: CSS },
    "htmx.min.js": { file: require.resolve("htmx.org/dist/htmx.min.js"), type: JS },
    // Chart.js exports no subpath for its browser build: it sits beside the package's CommonJS entry.
    "chart.umd.min.js": { file: join(dirname(require.resolve("chart.js")), "chart.umd.min.js"), type: JS },
    "console-charts.js": { file: own("console-charts.js"), type: JS },
  };
}

const CSS = "text/css; charset=utf-8";
const JS = "text/javascript; charset=utf-8";
