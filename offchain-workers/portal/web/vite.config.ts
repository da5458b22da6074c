import { defineConfig } from "vite";

// Maven's build-web.sh passes the output folder (target/classes/portal-web) so the page ships in the portal's jar.
export default defineConfig({
  base: "/",
  build: {
    outDir: process.env.PORTAL_WEB_OUT ?? "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
  },
});
