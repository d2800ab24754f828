// What the browser really drew for the map's labels, markers and badges, in screen pixels:
// each label as the four corners of its laid-out text (getBBox, turned by its own rotation),
// each marker symbol and badge as a circle. Shared by the label tests (map.test.js,
// labels.test.js); the rules are the scene's (src/scene/overlay.rs).

/** Labels, marker symbols and badges as drawn, read in the page. */
export function drawnBoxes(page) {
  return page.evaluate(() => {
    const corners = (el) => {
      const b = el.getBBox();
      const m = el.getScreenCTM();
      return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
        .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
    };
    const circle = (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, r: Math.max(r.width, r.height) / 2 };
    };
    const angle = (el) => Number((el.getAttribute('transform') ?? '').match(/rotate\((-?[\d.]+)/)?.[1] ?? 0);
    return {
      labels: [...document.querySelectorAll('svg.map-svg text.label')].map((el) => ({
        id: el.dataset.id,
        text: el.textContent,
        lines: [...el.querySelectorAll('tspan')].map((t) => t.textContent),
        angle: angle(el),
        corners: corners(el),
      })),
      markers: [...document.querySelectorAll('svg.map-svg .marker')].map((el) => ({
        id: el.dataset.id, ...circle(el.querySelector('.symbol')),
      })),
      badges: [...document.querySelectorAll('svg.map-svg .cluster')].map((el) => ({
        ids: el.dataset.ids, ...circle(el.querySelector('circle:not(.hit)')),
      })),
    };
  });
}

const dot = (a, b) => a[0] * b[0] + a[1] * b[1];

function axes(poly) {
  return poly.map((p, i) => {
    const q = poly[(i + 1) % poly.length];
    const len = Math.hypot(q[0] - p[0], q[1] - p[1]) || 1;
    return [-(q[1] - p[1]) / len, (q[0] - p[0]) / len];
  });
}

/** Whether two convex polygons overlap by more than `tol` pixels (separating axes). */
export function polygonsOverlap(a, b, tol = 0.5) {
  return [...axes(a), ...axes(b)].every((ax) => {
    const pa = a.map((p) => dot(p, ax));
    const pb = b.map((p) => dot(p, ax));
    return Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb)) > tol;
  });
}

/** Whether a circle reaches more than `tol` pixels into a convex polygon (or its edge). */
export function circleMeetsPolygon(c, poly, tol = 0.5) {
  const inside = axes(poly).every((ax, i) => dot([c.x, c.y], ax) >= dot(poly[i], ax) - 1e-9)
    || axes(poly).every((ax, i) => dot([c.x, c.y], ax) <= dot(poly[i], ax) + 1e-9);
  if (inside) return true;
  return poly.some((p, i) => {
    const q = poly[(i + 1) % poly.length];
    const d = [q[0] - p[0], q[1] - p[1]];
    const t = Math.max(0, Math.min(1, dot([c.x - p[0], c.y - p[1]], d) / (dot(d, d) || 1)));
    return Math.hypot(c.x - p[0] - t * d[0], c.y - p[1] - t * d[1]) < c.r - tol;
  });
}

/** Every broken label rule in what was drawn, as readable strings. */
export function labelProblems({ labels, markers, badges }) {
  const bad = [];
  labels.forEach((l, i) => {
    for (const m of markers) if (circleMeetsPolygon(m, l.corners)) bad.push(`${l.text} on marker ${m.id}`);
    for (const b of badges) if (circleMeetsPolygon(b, l.corners)) bad.push(`${l.text} on a badge (${b.ids})`);
    for (const k of labels.slice(i + 1)) if (polygonsOverlap(l.corners, k.corners)) bad.push(`${l.text} × ${k.text}`);
    if (l.text.includes('…')) bad.push(`${l.text}: cut`);
    // Upright; steep text reads top to bottom (src/scene/labels.rs STEEP_DEGREES).
    if (!(l.angle > -75 && l.angle <= 105)) bad.push(`${l.text}: at ${l.angle}°`);
  });
  return bad;
}
