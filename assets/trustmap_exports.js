/* Export links follow the link of the view (serving/exports.py): each keeps its path, set by
 * the layout, and takes the page's query. The export routes settle the query again, and
 * nothing goes to the server for it. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  trustmapExports: {
    withQuery: function (search) {
      const hrefs = Array.prototype.slice.call(arguments, 1);
      return hrefs.map((href) => (href || "").split("?")[0] + (search || ""));
    },
  },
});
