// Host-page helper for embedded Shizhong plan maps. Add once to a page that has one or more
//   <iframe src=".../index.html?embed=1" data-shizhong-map ...></iframe>
// Each map posts {type: "shizhong-map:height", height: <CSS px>} to its parent; this script
// sets the height of the iframe the message came from, and ignores every other message.
//
// Scroll-driven stories: elements marked data-shizhong-step="N" (and, on a page with several
// maps, data-shizhong-for="IFRAME_ID") drive a map through its guided tour. When such an
// element crosses the middle of the viewport, the map's address becomes its own with
// `story=1&step=N` in the fragment: a fragment change, so the map follows without reloading,
// and by `location.replace`, so the article's Back button is not filled with steps. Nothing is
// ever posted to the map: it acts only on its address.
(function () {
  'use strict';
  if (window.__shizhongMapEmbed) return;
  window.__shizhongMapEmbed = true;
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'shizhong-map:height') return;
    var height = Number(data.height);
    if (!isFinite(height) || height < 100 || height > 5000) return;
    var frames = document.querySelectorAll('iframe[data-shizhong-map]');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.round(height) + 'px';
      }
    }
  });

  /** The map an element drives: the one it names, else the page's first map. */
  function frameFor(el) {
    var id = el.getAttribute('data-shizhong-for');
    var frame = id ? document.getElementById(id) : document.querySelector('iframe[data-shizhong-map]');
    return frame && frame.tagName === 'IFRAME' && frame.hasAttribute('data-shizhong-map') ? frame : null;
  }

  /** `src` with `story=1&step=N` in its fragment (other keys kept, old story keys dropped). */
  function withStep(src, step) {
    var at = src.indexOf('#');
    var base = at < 0 ? src : src.slice(0, at);
    var keep = (at < 0 ? '' : src.slice(at + 1)).split('&').filter(function (p) {
      var key = p.split('=')[0];
      return p && key !== 'story' && key !== 'step';
    });
    return base + '#' + keep.concat(['story=1', 'step=' + step]).join('&');
  }

  function show(el) {
    var step = Number(el.getAttribute('data-shizhong-step'));
    var frame = frameFor(el);
    if (!frame || !frame.contentWindow || !(step >= 1 && step <= 999 && Math.floor(step) === step)) return;
    if (frame.__shizhongStep === step) return;
    frame.__shizhongStep = step;
    var url = withStep(frame.src, step);
    try {
      frame.contentWindow.location.replace(url);
    } catch (e) {
      frame.src = url;
    }
  }

  function watch() {
    var steps = document.querySelectorAll('[data-shizhong-step]');
    if (!steps.length || !('IntersectionObserver' in window)) return;
    // A zero-height band across the middle of the viewport: an element is "in" while it
    // spans the middle line.
    var observer = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].isIntersecting) show(entries[i].target);
      }
    }, { rootMargin: '-50% 0px -50% 0px', threshold: 0 });
    for (var i = 0; i < steps.length; i++) observer.observe(steps[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
  else watch();
})();
