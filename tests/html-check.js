// html-check.js - put into a copy of an --html page by tests/html.sh,
// run by a real browser (chromium --headless --dump-dom): it measures the
// page as laid out in the window and writes its verdict into the DOM,
// "verdict: ok, N pictures" or "verdict: " and what is wrong.
(function () {
  var problems = [];
  var svgs = document.querySelectorAll('figure > svg');
  var seen = {};

  document.querySelectorAll('[id]').forEach(function (e) {
    if (seen[e.id]) problems.push('id ' + e.id + ' twice');
    seen[e.id] = true;
  });
  svgs.forEach(function (svg, i) {
    var name = 'picture ' + (i + 1);
    var box = svg.getBoundingClientRect();
    var view = svg.viewBox.baseVal;
    var drawing = svg.querySelector(':scope > g:not(.elfault-overlay)');
    var drawn = drawing ? drawing.getBBox() : { width: 0, height: 0 };

    if (!(box.width > 100 && box.height > 100))
      problems.push(name + ' shown ' + box.width + 'x' + box.height);
    // cairo's drawing is a <use> of its recording: it has the picture's
    // size only when every reference in it resolves.
    if (!(drawn.width > 0.9 * view.width && drawn.height > 0.9 * view.height))
      problems.push(name + ' drawn ' + drawn.width + 'x' + drawn.height +
                    ' of ' + view.width + 'x' + view.height);
    svg.querySelectorAll('use').forEach(function (use) {
      var ref = use.getAttribute('xlink:href') || use.getAttribute('href');
      var target = document.getElementById(ref.slice(1));
      if (!target || !svg.contains(target))
        problems.push(name + ': ' + ref + ' is not in it');
    });
  });
  // Nothing cut off: no sideways scrolling, no element past the edges.
  var width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width)
    problems.push('the page scrolls sideways: ' +
                  document.documentElement.scrollWidth + ' > ' + width);
  document.querySelectorAll('body *').forEach(function (e) {
    if (e.closest('defs') || e.closest('script')) return;
    var r = e.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5))
      problems.push('<' + e.tagName + '> from ' + r.left + ' to ' +
                    r.right + ', the page ' + width + ' wide');
    // text running out of its own box (a long word that cannot wrap)
    if (!(e instanceof SVGElement) && e.scrollWidth > e.clientWidth + 1 &&
        getComputedStyle(e).display !== 'inline')
      problems.push('<' + e.tagName + '> holds ' + e.scrollWidth +
                    ' pixels in ' + e.clientWidth);
  });
  var verdict = document.createElement('p');
  verdict.id = 'verdict';
  verdict.textContent = 'verdict: ' + (problems.length === 0
    ? 'ok, ' + svgs.length + ' pictures'
    : problems.slice(0, 5).join('; '));
  document.body.appendChild(verdict);
})();
