/* Sections below the map (class "trustmap-lazy") update only while one is on screen: an
 * IntersectionObserver sets the store "lazy-visible", and callbacks/lazy.py passes each wanted
 * key on to the sections only then. A map recolouring therefore sends nothing but its paint. */
(function () {
  const STORE = "lazy-visible";
  const visible = new Set();
  let told = null;

  function tell() {
    const now = visible.size > 0;
    if (now === told) return;
    if (!(window.dash_clientside && window.dash_clientside.set_props)) {
      window.setTimeout(tell, 100); // Dash's renderer is not ready yet
      return;
    }
    told = now;
    window.dash_clientside.set_props(STORE, { data: now });
  }

  const observer = new IntersectionObserver(function (entries) {
    for (const entry of entries) {
      if (entry.isIntersecting) visible.add(entry.target);
      else visible.delete(entry.target);
    }
    tell();
  }, { rootMargin: "0px" });  // only what is on screen: the next section starts just below the fold

  const watched = new WeakSet();
  function watch() {
    for (const section of document.querySelectorAll(".trustmap-lazy")) {
      if (!watched.has(section)) {
        watched.add(section);
        observer.observe(section);
      }
    }
  }
  new MutationObserver(watch).observe(document.documentElement, { childList: true, subtree: true });
  watch();
})();

window.dash_clientside = Object.assign({}, window.dash_clientside, {
  trustmapLazy: {
    pass: function (wanted, visible, current) {
      const NO = window.dash_clientside.no_update;
      if (!visible || wanted === null || wanted === undefined) return NO;
      return JSON.stringify(wanted) === JSON.stringify(current) ? NO : wanted;
    },
  },
});
