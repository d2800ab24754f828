// Host-page helper for embedded Shizhong plan maps. Add once to a page that has one or more
//   <iframe src=".../index.html?embed=1" data-shizhong-map ...></iframe>
// Each map posts {type: "shizhong-map:height", height: <CSS px>} to its parent; this script
// sets the height of the iframe the message came from, and ignores every other message.
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
})();
