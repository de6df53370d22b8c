// Filters and navigation of the concord HTML report. No network, no
// external code; everything works on the page's own elements.
(function () {
  'use strict';
  var kinds = Array.prototype.slice.call(document.querySelectorAll('input.kind-filter'));
  var outlet = document.getElementById('outlet-filter');
  var findings = Array.prototype.slice.call(document.querySelectorAll('li.finding'));

  function apply() {
    var shown = {};
    kinds.forEach(function (k) { shown[k.value] = k.checked; });
    var only = outlet.value;
    var count = 0;
    findings.forEach(function (li) {
      var articles = li.getAttribute('data-articles').split(' ');
      var visible = shown[li.getAttribute('data-kind')] === true &&
        (only === '' || articles.indexOf(only) >= 0);
      li.hidden = !visible;
      if (visible) { count += 1; }
    });
    document.querySelectorAll('article.outlet').forEach(function (a) {
      a.classList.toggle('dimmed', only !== '' && a.getAttribute('data-article') !== only);
    });
    document.getElementById('shown-count').textContent = String(count);
  }

  // Scrolls each claim's outlet column so that the claim is in view, then
  // the page to the first claim.
  function focusClaims(ids) {
    document.querySelectorAll('mark.claim.focus').forEach(function (m) {
      m.classList.remove('focus');
    });
    var first = null;
    ids.forEach(function (id) {
      var mark = document.getElementById('claim-' + id);
      if (!mark) { return; }
      mark.classList.add('focus');
      var box = mark.closest('.text');
      if (box) {
        box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
      }
      if (!first) { first = mark; }
    });
    if (first) {
      var column = first.closest('.outlets');
      (column || first).scrollIntoView({ block: 'nearest' });
      // Bring the claim's outlet column into view too: with many outlets
      // the row of columns scrolls sideways.
      var outletColumn = first.closest('article.outlet');
      if (column && outletColumn) {
        column.scrollLeft = Math.max(0, outletColumn.offsetLeft - column.offsetLeft - 12);
      }
    }
  }

  // Side by side: two chosen outlets of a story, the others hidden.
  document.querySelectorAll('form.compare').forEach(function (form) {
    var story = form.closest('section.story');
    var pick = Array.prototype.slice.call(form.querySelectorAll('select'));
    function compare() {
      var chosen = pick.map(function (p) { return p.value; }).filter(function (v) { return v !== ''; });
      story.querySelectorAll('article.outlet').forEach(function (a) {
        a.classList.toggle('compare-hidden', chosen.length === 2 && chosen.indexOf(a.getAttribute('data-article')) < 0);
      });
    }
    pick.forEach(function (p) { p.addEventListener('change', compare); });
  });

  kinds.forEach(function (k) { k.addEventListener('change', apply); });
  outlet.addEventListener('change', apply);

  document.addEventListener('click', function (event) {
    var link = event.target.closest('a[data-claim]');
    if (link) {
      event.preventDefault();
      focusClaims([link.getAttribute('data-claim')]);
      return;
    }
    var li = event.target.closest('li.finding');
    if (li) {
      findings.forEach(function (f) { f.classList.remove('active'); });
      li.classList.add('active');
      focusClaims(li.getAttribute('data-claims').split(' '));
    }
  });
  document.addEventListener('keydown', function (event) {
    var li = event.target.closest && event.target.closest('li.finding');
    if (li && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      li.click();
    }
  });

  apply();
}());
