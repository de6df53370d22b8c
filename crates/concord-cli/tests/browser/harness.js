// Runs inside the HTML report in headless Chromium (see tests/browser.rs):
// checks that findings and highlights are there, that clicking a finding
// brings both sentences into view, that the filters work and that no
// article script ran; writes the result as JSON into <pre id="test-result">.
(function () {
  'use strict';
  var out = { errors: window.__errors || [], checks: {} };
  try {
    var c = out.checks;
    c.findings = document.querySelectorAll('li.finding').length;
    c.marks = document.querySelectorAll('mark.claim').length;
    c.factMarks = document.querySelectorAll('mark.claim[data-fact^="f"]').length;
    var li = document.querySelector('li.finding[data-kind="contradiction"]');
    c.contradiction = li !== null;
    c.singleSourceHiddenAtFirst = Array.prototype.every.call(
      document.querySelectorAll('li.finding[data-kind="single_source"]'),
      function (x) { return x.hidden; });
    var ids = li.getAttribute('data-claims').split(' ');
    document.querySelectorAll('.text').forEach(function (t) { t.scrollTop = 0; });
    window.scrollTo(0, 0);
    var before = ids.map(function (id) {
      return document.getElementById('claim-' + id).closest('.text').scrollTop;
    });
    li.click();
    c.scrolled = ids.map(function (id, k) {
      return document.getElementById('claim-' + id).closest('.text').scrollTop !== before[k];
    });
    c.inView = ids.map(function (id) {
      var mark = document.getElementById('claim-' + id);
      var r = mark.getBoundingClientRect();
      var b = mark.closest('.text').getBoundingClientRect();
      return r.top >= b.top - 1 && r.bottom <= b.bottom + 1 &&
        r.top >= 0 && r.bottom <= window.innerHeight;
    });
    c.focused = ids.map(function (id) {
      return document.getElementById('claim-' + id).classList.contains('focus');
    });
    var box = document.querySelector('input.kind-filter[value="contradiction"]');
    box.click();
    c.kindFilterHides = li.hidden === true;
    box.click();
    var select = document.getElementById('outlet-filter');
    select.value = 'a2';
    select.dispatchEvent(new Event('change'));
    c.outletFilterHides = li.hidden === true;
    select.value = '';
    select.dispatchEvent(new Event('change'));
    c.articleScriptDidNotRun = typeof window.__pwned === 'undefined';
    c.articleScriptShownAsText = document.body.textContent.indexOf('<script>window.__pwned = 1<\/script>') >= 0;
    window.scrollTo(0, 0);
  } catch (e) {
    out.errors.push('harness: ' + e);
  }
  var pre = document.createElement('pre');
  pre.id = 'test-result';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}());
