// Runs inside the HTML report of many stories and outlets (see
// tests/browser.rs): the story index, the fact table, that every
// outlet's column can be brought into view from a claim, that the page
// never scrolls sideways, that two outlets can be read side by side and
// that front matter is not shown as text.
(function () {
  'use strict';
  var out = { errors: window.__errors || [], checks: {} };
  try {
    var c = out.checks;
    c.stories = document.querySelectorAll('section.story').length;
    c.indexEntries = document.querySelectorAll('nav.story-index li').length;
    c.factTables = document.querySelectorAll('details.fact-table').length;
    c.disputedRows = document.querySelectorAll('.fact-table tr.disputed').length;
    c.majorityCells = document.querySelectorAll('.fact-table td.majority').length;
    c.pageOverflow = document.documentElement.scrollWidth - window.innerWidth;
    // Every outlet column of every story, reached from one of its claims.
    var unreachable = [];
    var columns = 0;
    document.querySelectorAll('section.story').forEach(function (story) {
      var row = story.querySelector('.outlets');
      story.querySelectorAll('article.outlet').forEach(function (col) {
        columns += 1;
        var mark = col.querySelector('mark.claim');
        if (!mark) { unreachable.push(col.id + ': no claim'); return; }
        row.scrollLeft = 0;
        var link = document.createElement('a');
        link.setAttribute('data-claim', mark.id.replace('claim-', ''));
        link.href = '#' + mark.id;
        story.appendChild(link);
        link.click();
        link.remove();
        var r = col.getBoundingClientRect();
        var box = row.getBoundingClientRect();
        var visible = Math.min(r.right, box.right) - Math.max(r.left, box.left);
        if (visible < Math.min(200, r.width)) {
          unreachable.push(col.id + ': ' + Math.round(visible) + 'px visible');
        }
      });
    });
    c.columns = columns;
    c.unreachable = unreachable;
    c.pageOverflowAfterClicks = document.documentElement.scrollWidth - window.innerWidth;
    // Side by side: pick the first and last outlet of the first story.
    var story = document.querySelector('section.story');
    var picks = story.querySelectorAll('form.compare select');
    var cols = story.querySelectorAll('article.outlet');
    picks[0].value = cols[0].getAttribute('data-article');
    picks[1].value = cols[cols.length - 1].getAttribute('data-article');
    picks[0].dispatchEvent(new Event('change'));
    picks[1].dispatchEvent(new Event('change'));
    c.sideBySide = Array.prototype.filter.call(cols, function (a) {
      return getComputedStyle(a).display !== 'none';
    }).length;
    c.frontMatterShown = Array.prototype.some.call(
      document.querySelectorAll('.text'),
      function (t) { return /^(---|\+\+\+)\s*$/m.test(t.textContent) || t.textContent.indexOf('outlet:') >= 0; });
    window.scrollTo(0, 0);
  } catch (e) {
    out.errors.push('harness: ' + e);
  }
  var pre = document.createElement('pre');
  pre.id = 'test-result';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}());
