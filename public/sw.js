// Tsunagu's service worker: keeps the app shell so the app opens with no
// connection. The build (scripts/postbuild.mjs) writes the version and the list of
// files below; a new build is a new worker with its own cache, so an open app
// never mixes files of two versions. A new worker waits until the person agrees
// to update (the app then asks it to take over and reloads once).
const VERSION = "__TSUNAGU_VERSION__";
const PRECACHE = __TSUNAGU_PRECACHE__;
const SHELL_CACHE = `tsunagu-shell-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      // "reload": fetch past the HTTP cache, so the shell is this version's.
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })))),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "take-over") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("tsunagu-shell-") && key !== SHELL_CACHE) {
          await caches.delete(key);
        }
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  // The API is the app's business: it knows what to do when offline. The staff app
  // (/staff/) is a separate bundle for desks with a connection; it is not cached.
  if (
    url.origin !== self.location.origin ||
    url.pathname.startsWith("/api/") ||
    url.pathname.startsWith("/staff/")
  ) {
    return;
  }

  if (request.mode === "navigate") {
    // Every page of the app is the same shell; the app routes on the client.
    event.respondWith(
      (async () => {
        const cache = await caches.open(SHELL_CACHE);
        const shell = await cache.match("/index.html");
        if (shell) return shell;
        try {
          return await fetch(request);
        } catch (error) {
          return (await cache.match("/offline.html")) || Response.error();
        }
      })(),
    );
    return;
  }

  event.respondWith(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.match(request))
      .then((hit) => hit || fetch(request)),
  );
});
