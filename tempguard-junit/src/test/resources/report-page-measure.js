// Measures a tempguard report page as it opens, then with every class expanded: its height
// (data-height, before expanding), the elements wider than the window (data-wide) and the page's
// horizontal overflow in px (data-overflow), written as attributes of the page's body, and of the
// framing page's body when the page is framed (a headless window is 500 px wide at least; a frame
// can be as narrow as a phone). Used by ReportPageBrowserTests and scripts/check-report-page.sh.
(function () {
  var body = document.body;
  body.setAttribute('data-height', String(document.documentElement.scrollHeight));
  var all = document.getElementById('expand-all');
  if (all) { all.click(); }
  var width = document.documentElement.clientWidth;
  var wide = [];
  document.querySelectorAll('body *').forEach(function (element) {
    var box = element.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5)) {
      var name = typeof element.className === 'string' && element.className ? '.' + element.className : '';
      wide.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + name
          + ' right=' + Math.round(box.right));
    }
  });
  body.setAttribute('data-window', String(width));
  body.setAttribute('data-overflow', String(document.documentElement.scrollWidth - width));
  body.setAttribute('data-wide', wide.slice(0, 8).join(' | '));
  if (window.parent !== window) {
    for (var i = 0; i < body.attributes.length; i++) {
      var attribute = body.attributes[i];
      if (attribute.name.indexOf('data-') === 0) {
        window.parent.document.body.setAttribute(attribute.name, attribute.value);
      }
    }
  }
})();
